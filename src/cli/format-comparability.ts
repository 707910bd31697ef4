import type { ComparabilityJson } from '../statistics/analysis-result.js';
import { pct2 as pct, pctExact as claimed, scoreValuesText, trimmed } from '../wording/numbers.js';

/**
 * The comparability gate as a table: each claimed figure, its prompt count, whether this eval can
 * produce it and the nearest values it can, then overall vs categories under both weightings.
 * The reader sees exactly which figure broke the gate, not just a verdict.
 */
export function formatComparability(c: ComparabilityJson, indent = '  '): string[] {
  const values = c.score_values ? scoreValuesText(c.score_values) : 'unknown';
  const head = c.passed ? (c.verifiable ? 'passed' : 'not verified') : 'NOT COMPARABLE';
  const rounding = `rounding ±${trimmed(100 * c.tolerance)} points on the overall`;
  const lines = [`${indent}comparability    ${head} (per-prompt values ${values}; ${rounding})`];
  const width = Math.max(...c.checks.map((k) => k.figure.length), 11);
  for (const k of c.checks) {
    const state =
      k.reachable === undefined
        ? 'not checked'
        : k.reachable
          ? 'reachable'
          : `UNREACHABLE, nearest ${pct(k.nearest![0])} / ${pct(k.nearest![1])}`;
    lines.push(
      `${indent}  ${k.figure.padEnd(width)}  ${claimed(k.claimed).padStart(7)} of ${String(k.prompts).padStart(3)} prompt(s)  ${state}`,
    );
  }
  if (c.consistency) {
    const x = c.consistency;
    lines.push(
      `${indent}  ${'consistency'.padEnd(width)}  categories weighted by prompts ${pct(x.prompt_weighted)} (${x.agrees_prompt_weighted ? 'agrees' : 'disagrees'}), plain mean of categories ${pct(x.category_mean)} (${x.agrees_category_mean ? 'agrees' : 'disagrees'})`,
    );
  }
  for (const p of c.problems) lines.push(`${indent}  ✗ ${p}`);
  return lines;
}
