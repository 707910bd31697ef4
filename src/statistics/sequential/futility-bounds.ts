import { normalCdf, normalQuantile } from '../distributions.js';
import { bisect } from './root.js';
import { spentLevel, type SpendingFunction } from './spending.js';
import { stageMasses, type ZInterval } from './stage-masses.js';

/**
 * Non-binding futility bounds from β-spending (Pampallona–Tsiatis / rpact style). At the design
 * drift θ (the effect the study is powered for), the probability of stopping for futility by
 * look k equals β(t_k). Two-sided, the futility region is the gap |Z_k| < f_k around zero:
 * "the difference is too small to ever cross". Non-binding: the efficacy boundaries were solved
 * without them, so α holds whether or not a futility stop is obeyed.
 */

/** Continuation region of a two-sided look with efficacy c and futility f (f = 0: no futility). */
export function twoSidedRegion(c: number, f: number): ZInterval[] {
  return f > 0
    ? [
        { lo: -c, hi: -f },
        { lo: f, hi: c },
      ]
    : [{ lo: -c, hi: c }];
}

/** Continuation region of a one-sided look with efficacy c and futility f. */
export function oneSidedRegion(c: number, f: number): ZInterval[] {
  return [{ lo: f, hi: c }];
}

/** One-sided futility bounds at drift θ spending β-values `betaSpent` (cumulative, per look). */
export function oneSidedFutility(
  t: readonly number[],
  c: readonly number[],
  betaSpent: readonly number[],
  drift: number,
): number[] {
  const f: number[] = [normalQuantile(betaSpent[0]!) + Math.sqrt(t[0]!) * drift];
  let before = normalCdf(f[0]! - drift * Math.sqrt(t[0]!));
  for (let k = 1; k < t.length; k++) {
    const mass = stageMasses(
      t.slice(0, k + 1),
      f.map((fj, j) => oneSidedRegion(c[j]!, fj)),
      drift,
    )[k]!;
    const fk = bisect((x) => betaSpent[k]! - before - mass.below(x), -6, 5);
    f.push(fk);
    before += mass.below(fk);
  }
  return f;
}

/**
 * Two-sided futility bounds at drift θ. `active[k]` false pins f_k = 0 (no futility stop at look k),
 * which is what rpact does at looks where the one-sided analogue would be negative. f_k ≤ c_k.
 */
export function twoSidedFutility(
  t: readonly number[],
  c: readonly number[],
  betaSpent: readonly number[],
  drift: number,
  active: readonly boolean[],
): number[] {
  const f: number[] = [];
  let before = 0;
  for (let k = 0; k < t.length; k++) {
    if (!active[k]) {
      f.push(0);
      continue;
    }
    const mass = stageMasses(
      t.slice(0, k + 1),
      f.map((fj, j) => twoSidedRegion(c[j]!, fj)),
      drift,
    )[k]!;
    const inner = (u: number) => {
      const x = Math.min(u, c[k]!);
      return mass.below(x) - mass.below(-x);
    };
    const lo = k === 0 ? -8 : -6;
    const hi = k === 0 ? 8 : 5;
    const fk = Math.min(
      bisect((u) => betaSpent[k]! - before - inner(u), lo, hi),
      c[k]!,
    );
    f.push(fk);
    before += inner(fk);
  }
  return f;
}

/** What a β-spending futility design needs besides the efficacy boundaries. */
export interface FutilitySpec {
  readonly beta: number;
  readonly spending: SpendingFunction;
  /**
   * 1: stop when Z_k < f_k (the effect's direction is not showing: "A will not beat B"); 2: stop when
   * |Z_k| < f_k (no difference either way). Default: the design's sidedness. A two-sided efficacy test
   * with a one-sided futility bound is the usual compare design: α is two-sided, the hope directional.
   */
  readonly sides?: 1 | 2;
}

/** Futility bounds and the drift at which the design has power 1 − β. */
export interface FutilityDesign {
  /** f_k per look (the last equals c_K); 0 = no futility stop at that look. */
  readonly futilityBounds: number[];
  /** θ (E Z_k = θ√t_k) at which β(t_k) is spent exactly and the bounds meet at the last look. */
  readonly drift: number;
  /** Cumulative β spent (probability of a futility stop by each look at that drift). */
  readonly betaSpent: number[];
}

/**
 * The β-spending futility design, solved like rpact's non-binding two-sided case: the drift is
 * chosen so the futility bound meets the efficacy bound at the last look. β-spending starts at the
 * first look whose one-sided futility bound is positive, and the β function is rescaled from there
 * (rpact's default `betaAdjustment = TRUE`).
 */
export function futilityDesign(
  t: readonly number[],
  c: readonly number[],
  spec: FutilitySpec,
  sided: 1 | 2,
): FutilityDesign {
  const K = t.length;
  const raw = t.map((tk) => spentLevel(spec.spending, spec.beta, tk, 1));
  if (sided === 1) {
    let f: number[] = [];
    const drift = bisect(
      (d) => {
        f = oneSidedFutility(t, c, raw, d);
        return c[K - 1]! - f[K - 1]!;
      },
      -4,
      10,
    );
    f = oneSidedFutility(t, c, raw, drift);
    return { futilityBounds: f, drift, betaSpent: spentByLook(t, c, f, drift, 1) };
  }
  const oneSided = futilityDesign(t, c, spec, 1).futilityBounds;
  const first = oneSided.slice(0, K - 1).findIndex((x) => x > 0);
  const spend = adjustedBeta(raw, first);
  const active = t.map((_, k) => k === K - 1 || oneSided[k]! >= 0);
  let f: number[] = [];
  const drift = bisect(
    (d) => {
      f = twoSidedFutility(t, c, spend, d, active);
      return c[K - 1]! - f[K - 1]!;
    },
    -4,
    10,
  );
  f = twoSidedFutility(t, c, spend, drift, active);
  return { futilityBounds: f, drift, betaSpent: spentByLook(t, c, f, drift, 2) };
}

/** β-spending that starts at look `first` (0-based), rescaled to end at the same total. */
function adjustedBeta(raw: readonly number[], first: number): number[] {
  if (first <= 0) return [...raw];
  const K = raw.length;
  const base = raw[first - 1]!;
  return raw.map((b, k) => (k < first - 1 ? 0 : ((b - base) / (raw[K - 1]! - base)) * raw[K - 1]!));
}

/** Cumulative probability of a futility stop by each look at the given drift. */
export function spentByLook(
  t: readonly number[],
  c: readonly number[],
  f: readonly number[],
  drift: number,
  sided: 1 | 2,
): number[] {
  const region = (j: number) => (sided === 2 ? twoSidedRegion(c[j]!, f[j]!) : oneSidedRegion(c[j]!, f[j]!));
  const masses = stageMasses(
    t,
    t.slice(0, -1).map((_, j) => region(j)),
    drift,
  );
  let acc = 0;
  return masses.map((m, k) => {
    const fk = Math.min(f[k]!, c[k]!);
    acc += sided === 2 ? Math.max(0, m.below(fk) - m.below(-fk)) : m.below(fk);
    return acc;
  });
}
