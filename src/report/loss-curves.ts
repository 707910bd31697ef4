import type { CheckpointScoreRow, LossPoint } from './report-model.js';
import type { ReportInput } from './report-input.js';

/** Steps per run kept in a loss curve: enough for its shape, small enough for a 100-seed HTML page. */
export const MAX_CURVE_STEPS = 100;

/**
 * The loss curves of the report: training loss per seed from metrics.jsonl, and val loss per
 * seed (every validation mlx-lm ran when metrics.jsonl has them, else the evaluated checkpoints'),
 * sorted (arm order, seed, step). A run reporting more than MAX_CURVE_STEPS steps keeps evenly
 * spaced ones of a common grid, so the seeds of an arm still line up for the band (thinned before
 * sorting, so 100 seeds × 1,000 reports stay cheap).
 */
export function trainLossPoints(input: ReportInput['trainLosses'], arms: readonly string[]): LossPoint[] {
  const points = (input ?? []).map((t) => ({ arm: t.arm, seed: t.seed, step: t.step, loss: t.trainLoss }));
  return sorted(thin(points), arms);
}

/** Val loss per seed and step. */
export function valLossPoints(
  input: ReportInput['valLosses'],
  checkpoints: readonly CheckpointScoreRow[],
  arms: readonly string[],
): LossPoint[] {
  const fromMetrics = (input ?? []).map((v) => ({ arm: v.arm, seed: v.seed, step: v.step, loss: v.valLoss }));
  const points = fromMetrics.length
    ? fromMetrics
    : checkpoints
        .filter((c) => c.valLoss !== null)
        .map((c) => ({ arm: c.arm, seed: c.seed, step: c.step, loss: c.valLoss! }));
  return sorted(thin(points), arms);
}

function sorted(points: LossPoint[], arms: readonly string[]): LossPoint[] {
  const rank = new Map(arms.map((a, i) => [a, i]));
  const known = points.filter((p) => rank.has(p.arm) && Number.isFinite(p.loss));
  const unique = new Map(known.map((p) => [`${p.arm}\u0000${p.seed}\u0000${p.step}`, p]));
  return [...unique.values()].sort((a, b) => rank.get(a.arm)! - rank.get(b.arm)! || a.seed - b.seed || a.step - b.step);
}

/** Keeps at most MAX_CURVE_STEPS distinct steps (the same steps for every run), always the first and last. */
function thin(points: LossPoint[]): LossPoint[] {
  const steps = [...new Set(points.map((p) => p.step))].sort((a, b) => a - b);
  if (steps.length <= MAX_CURVE_STEPS) return points;
  const every = Math.ceil(steps.length / MAX_CURVE_STEPS);
  const keep = new Set(steps.filter((_, i) => i % every === 0 || i === steps.length - 1));
  return points.filter((p) => keep.has(p.step));
}
