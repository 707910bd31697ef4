import { describe } from '../statistics/descriptive.js';
import { normalQuantile } from '../statistics/distributions.js';
import { tPredictionInterval } from '../statistics/prediction-interval.js';
import { tIntervalMean } from '../statistics/t-interval.js';
import { isInsufficient } from '../statistics/result.js';
import { shown, valueOf, withShares } from './from-analysis.js';
import type { ArmSummaryRow, PowerRow, SeedScoreRow, VarianceRow } from './report-model.js';

/**
 * The few statistics a report can show without `analyze` (no summary.json yet, e.g. a study
 * still running): per-arm descriptives with t intervals, a two-way variance split and a normal
 * power curve. Inferential results (comparisons, baselines) are left to the analysis.
 */

/** Per-arm summary from the seeds' policy scores. */
export function fallbackArmRows(seedScores: readonly SeedScoreRow[], arms: readonly string[]): ArmSummaryRow[] {
  return arms.map((arm) => {
    const xs = seedScores.filter((s) => s.arm === arm).map((s) => s.score);
    const d = describe(xs);
    const ci = tIntervalMean(xs);
    const pi = tPredictionInterval(xs);
    const notes = [ci, pi].filter(isInsufficient).map((x) => x.reason);
    if (isInsufficient(d)) {
      return { arm, nSeeds: xs.length, mean: null, sd: null, median: null, iqm: null, min: null, max: null, ci95: null, pi95: null, notes: [d.reason] };
    }
    return {
      arm,
      nSeeds: d.n,
      mean: d.mean,
      sd: valueOf(d.sd),
      median: d.median,
      iqm: d.iqm,
      min: d.min,
      max: d.max,
      ci95: shown(ci),
      pi95: shown(pi),
      notes: [...new Set(notes)],
    };
  });
}

/**
 * Two-way (seed × prompt) method-of-moments split of one arm's policy scores:
 * seed = (MS_seed − MS_res)/P, prompt = (MS_prompt − MS_res)/S, residual = MS_res.
 */
export function fallbackVariance(arm: string, matrix: readonly (readonly number[])[]): VarianceRow[] {
  const s = matrix.length;
  const p = matrix[0]?.length ?? 0;
  if (s < 2 || p < 2 || matrix.some((row) => row.length !== p)) return [];
  let grand = 0;
  const rowMeans = matrix.map((row) => row.reduce((a, b) => a + b, 0) / p);
  const colMeans = new Array<number>(p).fill(0);
  for (const row of matrix) row.forEach((x, j) => (colMeans[j]! += x / s));
  for (const m of rowMeans) grand += m / s;
  let ssSeed = 0;
  let ssPrompt = 0;
  let ssRes = 0;
  for (const m of rowMeans) ssSeed += p * (m - grand) ** 2;
  for (const m of colMeans) ssPrompt += s * (m - grand) ** 2;
  matrix.forEach((row, i) => row.forEach((x, j) => (ssRes += (x - rowMeans[i]! - colMeans[j]! + grand) ** 2)));
  const msSeed = ssSeed / (s - 1);
  const msPrompt = ssPrompt / (p - 1);
  const msRes = ssRes / ((s - 1) * (p - 1));
  return withShares(arm, [
    ['between seeds (training)', (msSeed - msRes) / p],
    ['between prompts', (msPrompt - msRes) / s],
    ['seed × prompt interaction', msRes],
  ]);
}

/** Differences (fractions) the power curve is drawn for: 1 to 30 points. */
export const POWER_DELTAS: readonly number[] = Array.from({ length: 30 }, (_, i) => (i + 1) / 100);

/** Normal-approximation seeds per arm for a two-sided 5% test with 80% power. */
export function fallbackPower(arm: string, scores: readonly number[]): PowerRow | null {
  const d = describe(scores);
  if (isInsufficient(d)) return null;
  const sd = valueOf(d.sd);
  if (sd === null || sd === 0) return null;
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  const curve = POWER_DELTAS.map((delta) => ({ delta, seedsPerArm: Math.max(2, Math.ceil((2 * (z * sd) ** 2) / delta ** 2)) }));
  return { arm, sdBetweenSeeds: sd, nSeeds: d.n, detectableDifference: z * sd * Math.sqrt(2 / d.n), curve };
}
