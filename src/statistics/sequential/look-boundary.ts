import { normalCdf } from '../distributions.js';
import type { GroupSequentialDesign } from './design.js';
import { efficacyBounds } from './efficacy-bounds.js';

/**
 * The boundary a look is judged against, recomputed from the information the looks actually had.
 * α-spending makes this legitimate: the boundary at look k is whatever spends α(t_k) − α(t_{k−1})
 * given the earlier boundaries, whatever t_k turned out to be (a seed failed, so a look has fewer
 * seeds). The futility bound is non-binding, so the planned z bound is kept as is: obeying it or
 * not never raises α.
 */

/** The boundary of the latest look. */
export interface LookBoundary {
  /** 1-based look number. */
  readonly look: number;
  /** Information fraction the boundary was computed for. */
  readonly informationFraction: number;
  /** Efficacy z boundary: stop for efficacy when |z| ≥ this. */
  readonly efficacyZ: number;
  /** Nominal two-sided p boundary: stop for efficacy when the look's p ≤ this. */
  readonly efficacyP: number;
  /** Futility z bound, null when the look has none: stop when |z| < this (futilitySides 2) or z < this (1). */
  readonly futilityZ: number | null;
  readonly futilitySides: 1 | 2;
  readonly futilityP: number | null;
  /** Cumulative α spent through this look. */
  readonly alphaSpent: number;
  /** Whether this is the last look (all remaining α spent). */
  readonly final: boolean;
  /** Whether the information differed from the plan, so the boundaries were recomputed. */
  readonly recomputed: boolean;
  /** Efficacy boundaries of every look so far (for the adjusted p-value and estimate). */
  readonly efficacyZSoFar: number[];
}

/**
 * Boundary of look `fractions.length` given the information fractions of all looks so far.
 * `final`: no further look will happen (last planned look, or no seeds left), so all α is spent.
 */
export function lookBoundary(
  design: GroupSequentialDesign,
  fractions: readonly number[],
  final: boolean,
): LookBoundary {
  const k = fractions.length;
  const planned = design.spec.informationRates;
  if (k < 1 || k > planned.length) throw new RangeError(`look ${k} is outside the design's ${planned.length} looks`);
  const t = fractions.map((f) => Math.min(1, f));
  for (let i = 1; i < t.length; i++)
    if (!(t[i]! > t[i - 1]!)) throw new RangeError(`look ${i + 1} has no more information than look ${i}`);
  const { criticalValues, alphaSpent } = efficacyBounds({ ...design.spec, informationRates: t, spendAllAtLast: final });
  const c = criticalValues[k - 1]!;
  const f = final ? null : (design.futilityBounds[k - 1] ?? null);
  const recomputed = t.some((x, i) => Math.abs(x - planned[i]!) > 1e-12) || (final && k < planned.length);
  return {
    look: k,
    informationFraction: t[k - 1]!,
    efficacyZ: c,
    efficacyP: 2 * normalCdf(-c),
    futilityZ: f,
    futilitySides: design.futilitySides,
    futilityP: f === null || design.futilitySides === 1 ? null : 2 * normalCdf(-f),
    alphaSpent: alphaSpent[k - 1]!,
    final,
    recomputed,
    efficacyZSoFar: criticalValues,
  };
}

/** What a look decides. */
export type LookDecision = 'stop-efficacy' | 'stop-futility' | 'stop-max' | 'continue';

/** Compare the look's z with its boundary: two-sided efficacy first, then the last look, then futility. */
export function decideLook(boundary: LookBoundary, z: number): LookDecision {
  if (Math.abs(z) >= boundary.efficacyZ) return 'stop-efficacy';
  if (boundary.final) return 'stop-max';
  const f = boundary.futilityZ;
  if (f !== null && (boundary.futilitySides === 1 ? z < f : Math.abs(z) < f)) return 'stop-futility';
  return 'continue';
}
