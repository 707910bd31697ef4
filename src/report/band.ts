import type { TrajectoryRow } from './report-model.js';

/**
 * The band drawn around the mean over seeds in the curve charts (score, train loss, val loss),
 * chosen by the reader as in W&B: the lowest to the highest seed, mean ± one standard deviation
 * of the seeds, or mean ± one standard error of the mean. Default min–max: with a handful of
 * seeds it shows every seed and assumes nothing about their distribution.
 */
export type BandKind = 'minmax' | 'sd' | 'se';

/** Every band kind, for the CLI's choices. */
export const BAND_KINDS: readonly BandKind[] = ['minmax', 'sd', 'se'];

/** The default band. */
export const DEFAULT_BAND: BandKind = 'minmax';

/** One value of one seed at one step of one arm. */
export interface SeedPoint {
  arm: string;
  seed: number;
  step: number;
  value: number;
}

/** Mean over seeds and the chosen band per (arm, step), arms in the given order, steps ascending. */
export function bandRows(points: readonly SeedPoint[], arms: readonly string[], band: BandKind): TrajectoryRow[] {
  const byArm = new Map<string, Map<number, number[]>>();
  for (const p of points) {
    const steps = byArm.get(p.arm) ?? byArm.set(p.arm, new Map()).get(p.arm)!;
    (steps.get(p.step) ?? steps.set(p.step, []).get(p.step)!).push(p.value);
  }
  const out: TrajectoryRow[] = [];
  for (const arm of arms) {
    const steps = byArm.get(arm);
    if (!steps) continue;
    for (const step of [...steps.keys()].sort((a, b) => a - b)) {
      const xs = steps.get(step)!;
      const n = xs.length;
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
      const half = band === 'sd' ? sd : sd / Math.sqrt(n);
      const [low, high] = band === 'minmax' ? [Math.min(...xs), Math.max(...xs)] : [mean - half, mean + half];
      out.push({ arm, step, mean, low, high, nSeeds: n });
    }
  }
  return out;
}
