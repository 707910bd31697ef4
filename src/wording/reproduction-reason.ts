import type { VerdictBasis } from '../statistics/analysis-result.js';
import { fixed } from './numbers.js';

/**
 * The clause of the reproduction rule that decided a claim's verdict (statistics/baseline-reproduction.ts
 * returns it as a code with its numbers), in words: summary.json's `verdict_reason`, the `reproduce`
 * output and the report's "Why" column.
 */
export function reproductionReason(b: VerdictBasis): string {
  const { k, n } = b;
  const rank = b.rank_p === undefined ? '' : `rank p = (${k}+1)/(${n}+1) = ${fixed(b.rank_p, 3)}`;
  const lower =
    b.lower_bound === undefined ? '' : `one-sided 95% lower bound of P(run ≥ claim) = ${fixed(b.lower_bound, 3)}`;
  switch (b.clause) {
    case 'too-few-seeds':
      return `only ${n} seed${n === 1 ? '' : 's'}; the rule needs at least 2`;
    case 'rare-rank':
      return `${rank} ≤ 0.05: as one more run of this config, a run this high would be rarer than 1 in 20`;
    case 'reached-often':
      return `${k} of ${n} seeds reach the claim; ${lower} ≥ 0.05: at least 1 run in 20 reaches it`;
    case 'neither':
      return `${k} of ${n} seeds reach the claim: ${rank} > 0.05 and ${lower} < 0.05, so neither clause decides yet`;
  }
}
