/**
 * What a partial report rests on, in one sentence for the CLI, the HTML and the Markdown alike:
 * "2 of 4 runs scored; intervals use 1 seed per arm. Not scored yet: 1 training, 1 pending."
 */
import type { ScoredCoverage } from '../pipeline/scored-so-far.js';
import type { RunStage } from '../pipeline/study-progress.js';
import { plural } from './numbers.js';

const NOT_SCORED: [RunStage, string][] = [
  ['evaluating', 'being evaluated'],
  ['trained', 'waiting for evaluation'],
  ['training', 'training'],
  ['pending', 'not started'],
  ['done', 'with records that do not check out'],
  ['failed', 'failed'],
  ['interrupted', 'interrupted'],
  ['stale', 'to be retrained (config changed)'],
];

/** The sentence for a study that is not fully scored; null when every planned run is scored. */
export function coverageSentence(c: ScoredCoverage): string | null {
  if (c.scored >= c.planned) return null;
  const counts = c.perArm.map((a) => a.scored);
  const same = counts.every((n) => n === counts[0]);
  const seeds =
    c.perArm.length === 1 || !same
      ? c.perArm.length === 1
        ? plural(counts[0] ?? 0, 'seed')
        : c.perArm.map((a) => `${a.arm}: ${plural(a.scored, 'seed')}`).join(', ')
      : `${plural(counts[0] ?? 0, 'seed')} per arm`;
  const rest = NOT_SCORED.filter(([k]) => (c.notScored[k] ?? 0) > 0).map(([k, w]) => `${c.notScored[k]} ${w}`);
  const head =
    c.scored === 0
      ? `0 of ${c.planned} runs scored yet`
      : `${c.scored} of ${c.planned} runs scored; intervals use ${seeds}`;
  const n = c.notScored;
  const underway = (n.evaluating ?? 0) + (n.trained ?? 0) + (n.training ?? 0) + (n.pending ?? 0) > 0;
  const tail = underway
    ? ' This is a partial result: it changes as the other runs are scored.'
    : ' Re-running `seedstudy run` retries the runs that did not finish.';
  return `${head}. Not scored: ${rest.join(', ')}.${tail}`;
}

/** "1 of 4 runs scored" (what a periodic report covered), or "all 4 runs scored". */
export function scoredCount(c: Pick<ScoredCoverage, 'scored' | 'planned'>): string {
  return c.scored >= c.planned ? `all ${c.planned} runs scored` : `${c.scored} of ${c.planned} runs scored`;
}
