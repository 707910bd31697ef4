import type { PairedRunsJson } from './analysis-result.js';
import { isInsufficient } from './result.js';

/**
 * The verdict codes of the analysis, decided once here from the numbers; wording/analysis-sentences.ts
 * phrases them for every output, so the CLI, the report and the analysis sentences cannot
 * disagree about what a comparison or a pair of runs showed.
 */

/** Two arms: does the 95% interval of the difference exclude 0? */
export type ComparisonVerdict = 'differs' | 'not-distinguishable';

/** `differs` when the 95% interval of the difference excludes 0. */
export function comparisonVerdict(ci95: { low: number; high: number }): ComparisonVerdict {
  return ci95.low > 0 || ci95.high < 0 ? 'differs' : 'not-distinguishable';
}

/** Two single runs compared prompt by prompt. */
export type SingleRunsVerdict =
  'not-comparable' | 'different-models' | 'different-models-if-comparable' | 'within-prompt-noise';

/** The verdict on two single runs: the comparability gate first, then the clustered test at 5%. */
export function singleRunsVerdict(r: Pick<PairedRunsJson, 'clustered_t' | 'comparability'>): SingleRunsVerdict {
  if (!r.comparability.passed) return 'not-comparable';
  const ct = r.clustered_t;
  const differ = !isInsufficient(ct) && ct.p < 0.05;
  if (!differ) return 'within-prompt-noise';
  return r.comparability.verifiable ? 'different-models' : 'different-models-if-comparable';
}
