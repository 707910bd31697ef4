import type { ComparabilityJson } from './analysis-result.js';

/**
 * The comparability gate of a baseline check (stats.md §2c step 0, §3.3). With P prompts each
 * scored 0, 0.5 or 1, a run's mean can only be k/(2P). A claim off that grid (82.4% with 27
 * prompts: the neighbours are 81.48% and 83.33%) cannot have come from this eval as run here:
 * another prompt set, weighting or rubric, or edited figures. Then no statistic about our seeds
 * says anything about the claim.
 */

/** Decimal places in the shortest printed form of x (0.824 → 3), i.e. the precision the claim was stated with. */
export function printedDecimals(x: number): number {
  const s = String(x);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** Is `claimed` (within its printed rounding) some k/(steps·P)? Default steps 2 = 0/0.5/1 scoring. */
export function checkComparability(
  claimed: number,
  evalPromptCount: number,
  claimPromptCount?: number,
  stepsPerPrompt = 2,
): ComparabilityJson {
  const p = claimPromptCount ?? evalPromptCount;
  const denom = stepsPerPrompt * p;
  const lo = Math.floor(claimed * denom + 1e-9) / denom;
  const hi = Math.ceil(claimed * denom - 1e-9) / denom;
  const tol = Math.max(0.5 * 10 ** -printedDecimals(claimed), 1e-9);
  const onGrid = Math.abs(claimed - lo) <= tol || Math.abs(claimed - hi) <= tol;
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  if (claimPromptCount !== undefined && claimPromptCount !== evalPromptCount) {
    return {
      passed: false,
      prompt_count: p,
      on_grid: onGrid,
      nearest: [lo, hi],
      reason: `the claim was scored on ${claimPromptCount} prompts, this eval has ${evalPromptCount}`,
    };
  }
  if (!onGrid) {
    return {
      passed: false,
      prompt_count: p,
      on_grid: false,
      nearest: [lo, hi],
      reason: `${pct(claimed)} is not a score ${p} prompts scored 0/0.5/1 can produce (nearest: ${pct(lo)} and ${pct(hi)}); it came from a different prompt set, weighting or rubric`,
    };
  }
  return { passed: true, prompt_count: p, on_grid: true, nearest: [lo, hi], reason: `${pct(claimed)} is on the k/${denom} grid of ${p} prompts` };
}
