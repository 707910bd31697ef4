import type { HistoryCheckJson } from '../statistics/analysis-result.js';
import type { HistoryCheck, HistoryFinding } from '../statistics/summary-consistency.js';
import { pct2, points } from './numbers.js';

/**
 * The consistency checks of a history record (statistics/summary-consistency.ts) in words: what
 * each printed figure's check found, with 2-decimal percentages (a figure's reachability is at
 * stake) and signed differences in points.
 */

const signedPoints = (d: number) => `${points(d, 2)} points`;

/** What one check found, in words: "differs from 33.33% recomputed from the per-prompt data (+16.67 points)". */
export function historyFindingText(f: HistoryFinding): string {
  const approx = 'approximate' in f && f.approximate ? ' (printed as approximate)' : '';
  switch (f.kind) {
    case 'figure': {
      const data = f.granularity === 'prompt' ? 'per-prompt' : 'category';
      const head = `${f.matches ? 'matches' : 'differs from'} ${pct2(f.recomputed)} recomputed from the ${data} data`;
      const diff = f.matches ? '' : ` (${signedPoints(f.difference)})`;
      const u = f.unreachable;
      const reach = u
        ? `${f.matches ? ', but ' : '; '}${u.text} is not a score ${u.prompts} prompt${u.prompts === 1 ? '' : 's'} ` +
          `can produce (nearest ${pct2(u.nearest[0])} and ${pct2(u.nearest[1])})`
        : '';
      const mean =
        f.categoryMean === undefined
          ? ''
          : `; it is the plain mean of the categories (${pct2(f.categoryMean)}), not the prompt-weighted overall`;
      return `${head}${diff}${reach}${mean}`;
    }
    case 'unknown-category':
      return `the data have no category "${f.category}" (they have ${f.known.join(', ')})`;
    case 'score-count':
      return f.matches ? `matches the per-prompt table${approx}` : `the per-prompt table has ${f.actual}${approx}`;
    case 'prompts-counted':
      return f.total === f.prompts
        ? `the counts cover all ${f.prompts} prompts`
        : `the counts cover ${f.total} prompts, the data ${f.prompts}${approx}`;
    case 'implied-overall':
      return f.matches
        ? 'matches the overall recomputed from the data'
        : `differs from ${pct2(f.overall)} recomputed from the data (${signedPoints(f.difference)})${approx}`;
  }
}

/** A check as the history record and summary.json hold it (same keys, same order as before the split). */
export function wordHistoryCheck(c: HistoryCheck): HistoryCheckJson {
  const { source, figure, reported, finding, ...rest } = c;
  const shown = reported ?? (finding.kind === 'implied-overall' ? pct2(finding.implied) : '');
  return { source, figure, reported: shown, ...rest, detail: historyFindingText(finding) };
}
