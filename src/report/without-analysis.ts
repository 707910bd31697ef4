import { describe } from '../statistics/descriptive.js';
import { powerForArm } from '../statistics/power.js';
import { tPredictionInterval } from '../statistics/prediction-interval.js';
import { isInsufficient } from '../statistics/result.js';
import { tIntervalMean } from '../statistics/t-interval.js';
import { varianceComponents } from '../statistics/variance-components.js';
import { powerRow, shown, valueOf, varianceRows } from './from-analysis.js';
import type { ArmSummaryRow, PowerRow, SeedScoreRow, VarianceRow } from './report-model.js';

/**
 * The statistics a report can show without `analyze` (no summary.json and no in-memory analysis):
 * per-arm descriptives with t intervals, the variance components and the exact power curve, all
 * computed by statistics/ on the report's own policy scores, so they are the numbers `analyze`
 * would give. Inferential results (comparisons, baselines) are left to the analysis.
 */

/** Per-arm summary from the seeds' policy scores. */
export function armRowsFromScores(seedScores: readonly SeedScoreRow[], arms: readonly string[]): ArmSummaryRow[] {
  return arms.map((arm) => {
    const xs = seedScores.filter((s) => s.arm === arm).map((s) => s.score);
    const d = describe(xs);
    const ci = tIntervalMean(xs);
    const pi = tPredictionInterval(xs);
    const notes = [ci, pi].filter(isInsufficient).map((x) => x.reason);
    if (isInsufficient(d)) {
      const none = { mean: null, sd: null, median: null, iqm: null, min: null, max: null, ci95: null, pi95: null };
      return { arm, nSeeds: xs.length, ...none, notes: [d.reason] };
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

/** One arm's variance components from its seeds × prompts matrix of policy scores (complete rows only). */
export function varianceRowsFromMatrix(arm: string, matrix: readonly (readonly number[])[]): VarianceRow[] {
  const prompts = matrix[0]?.length ?? 0;
  const c = varianceComponents({ seeds: matrix.length, prompts, values: Float64Array.from(matrix.flat()) });
  return isInsufficient(c) ? [] : varianceRows(arm, c);
}

/** One arm's seeds-needed curve (exact noncentral t, statistics/power.ts); null when its sd is unknown or 0. */
export function powerRowFromScores(arm: string, scores: readonly number[]): PowerRow | null {
  return powerRow(powerForArm(arm, scores));
}
