import { gammaln } from 'simple-statistics';
import { normalCdf, tQuantile } from './distributions.js';
import { sampleSd } from './descriptive.js';
import { insufficient, isInsufficient, type Maybe } from './result.js';
import type { PowerJson } from './analysis-result.js';

/**
 * How many seeds per arm are needed to detect a difference Δ between two arms with the
 * two-sided two-sample t-test (α = 0.05, power 0.8), and the smallest Δ detectable with the
 * seeds we have. Exact power from the noncentral t: there is no noncentral t in the project's
 * libraries, so it is integrated numerically over the scaled chi distribution of the sd
 * estimate. The normal approximation is 1–3 seeds too optimistic at the large effects seed
 * studies care about (docs/references.md §19).
 */

const GRID = 1000;
const MAX_SEEDS = 100_000;

/** P(reject) for equal arms of n seeds and standardised difference d = Δ/σ (two-sided, level α). */
export function twoSampleTPower(nPerArm: number, d: number, alpha = 0.05): number {
  if (!(nPerArm >= 2)) throw new RangeError(`power needs at least 2 seeds per arm, got ${nPerArm}`);
  const df = 2 * nPerArm - 2;
  const delta = Math.abs(d) * Math.sqrt(nPerArm / 2);
  const tc = tQuantile(1 - alpha / 2, df);
  // T = (Z + δ)/U with U = √(χ²_df/df); density of U: 2(df/2)^{df/2}/Γ(df/2) · u^{df−1} e^{−df u²/2}.
  const logC = Math.log(2) + (df / 2) * Math.log(df / 2) - gammaln(df / 2);
  const spread = 1 / Math.sqrt(2 * df);
  const lo = Math.max(0, 1 - 14 * spread);
  const hi = 1 + 14 * spread + (df < 10 ? 4 : 0);
  const h = (hi - lo) / GRID;
  let acc = 0;
  for (let i = 0; i <= GRID; i++) {
    const u = lo + i * h;
    if (u <= 0) continue;
    const dens = Math.exp(logC + (df - 1) * Math.log(u) - (df * u * u) / 2);
    const reject = normalCdf(delta - tc * u) + normalCdf(-tc * u - delta);
    const w = i === 0 || i === GRID ? 1 : i % 2 === 1 ? 4 : 2;
    acc += w * dens * reject;
  }
  return Math.min(1, Math.max(0, (acc * h) / 3));
}

/** Smallest n per arm with power ≥ target to detect d = Δ/σ; insufficient above 100,000. */
export function seedsPerArm(d: number, options: { alpha?: number; power?: number } = {}): Maybe<number> {
  const alpha = options.alpha ?? 0.05;
  const target = options.power ?? 0.8;
  if (!(Math.abs(d) > 0) || !Number.isFinite(d))
    return insufficient('a zero difference cannot be detected with any number of seeds');
  const ok = (n: number) => twoSampleTPower(n, d, alpha) >= target;
  let hi = 2;
  while (!ok(hi)) {
    if (hi >= MAX_SEEDS) return insufficient(`more than ${MAX_SEEDS} seeds per arm would be needed`);
    hi = Math.min(MAX_SEEDS, hi * 2);
  }
  let lo = Math.max(2, Math.floor(hi / 2));
  if (ok(lo)) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Smallest d = Δ/σ detected with the given power by n seeds per arm (bisection). */
export function detectableEffect(nPerArm: number, options: { alpha?: number; power?: number } = {}): Maybe<number> {
  if (!(nPerArm >= 2)) return insufficient(`with ${nPerArm} seed(s) per arm no difference is detectable by a t-test`);
  const alpha = options.alpha ?? 0.05;
  const target = options.power ?? 0.8;
  let lo = 0;
  let hi = 1;
  while (twoSampleTPower(nPerArm, hi, alpha) < target) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (twoSampleTPower(nPerArm, mid, alpha) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Δ values (score fractions) of the default seeds-needed curve: 2.5 to 50 points. */
export const DEFAULT_POWER_DELTAS = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/** The power section of one arm: its between-seed sd, the detectable Δ now, and seeds vs Δ. */
export function powerForArm(
  arm: string,
  scores: readonly number[],
  deltas: readonly number[] = DEFAULT_POWER_DELTAS,
): PowerJson {
  const alpha = 0.05;
  const power = 0.8;
  const sd = sampleSd(scores);
  const usable: Maybe<number> = isInsufficient(sd)
    ? sd
    : sd > 0
      ? sd
      : insufficient('all seeds scored the same, so the between-seed sd is 0 (unestimable)');
  const n = scores.length;
  const dd = typeof usable === 'number' ? detectableEffect(n, { alpha, power }) : usable;
  return {
    arm,
    sd_between_seeds: usable,
    n_seeds: n,
    alpha,
    power,
    detectable_difference:
      typeof dd === 'number' && typeof usable === 'number'
        ? dd * usable
        : isInsufficient(dd)
          ? dd
          : insufficient('no sd'),
    curve: deltas.map((delta) => ({
      delta,
      seeds_per_arm: typeof usable === 'number' ? seedsPerArm(delta / usable, { alpha, power }) : usable,
    })),
  };
}
