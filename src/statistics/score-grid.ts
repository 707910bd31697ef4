import type { ComparabilityJson } from './analysis-result.js';
import { checkClaimComparability } from './claim-comparability.js';

/**
 * The simplest form of the comparability gate (stats.md §2c step 0, §3.3): one overall figure,
 * P prompts each scored 0, 0.5 or 1, so a mean can only be k/(2P). A value off that grid (82.4%
 * with 27 prompts: the neighbours are 81.48% and 83.33%) cannot have come from this eval as run
 * here. Used for single runs' own scores; claims with categories go through checkClaimComparability.
 */

/** Decimal places in the shortest printed form of x (0.824 → 3), i.e. the precision the claim was stated with. */
export function printedDecimals(x: number): number {
  const s = String(x);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** Half a unit of the last printed digit of a fraction: the rounding a figure written as `x` admits. */
export function printedTolerance(x: number): number {
  return Math.max(0.5 * 10 ** -printedDecimals(x), 1e-9);
}

/** Is `claimed` (within its printed rounding) a mean of P prompts scored 0, 1/steps, ..., 1? */
export function checkComparability(claimed: number, evalPromptCount: number, claimPromptCount?: number, stepsPerPrompt = 2): ComparabilityJson {
  const values = Array.from({ length: stepsPerPrompt + 1 }, (_, i) => i / stepsPerPrompt);
  return checkClaimComparability(
    { overall: { value: claimed, tolerance: printedTolerance(claimed) }, promptCount: claimPromptCount },
    { categoryPrompts: { all: evalPromptCount }, promptValues: values, valuesSource: 'the 0/0.5/1 rubric' },
  );
}
