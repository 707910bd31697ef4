import { normalQuantile } from '../distributions.js';
import { seedsPerArm } from '../power.js';
import { designCharacteristics, lookProbabilities } from './design-characteristics.js';
import { groupSequentialDesign, type GroupSequentialDesign } from './design.js';
import type { SpendingFunction } from './spending.js';

/**
 * What `seedstudy plan` shows for a compare design before any training: per look the seeds, the z
 * and nominal p boundaries and the α spent; and, given a design effect, the power of these looks,
 * the expected seeds per arm with no effect and with the design effect (by numerical integration),
 * the seeds a fixed design of the same power would need, and the maximum the looks would need to
 * reach the planned power. Normal theory on the z scale; the fixed comparator is the exact
 * two-sample t design (statistics/power.ts), which is what a fixed study would be planned with.
 */

/** A compare design as the plan needs it. */
export interface ComparePlanSpec {
  /** Cumulative seeds per arm at each look. */
  readonly looks: readonly number[];
  readonly alpha: number;
  readonly spending: SpendingFunction;
  /** Planned power at the design effect (1 − β). */
  readonly power: number;
  /** Design effect d = Δ/σ, when given. */
  readonly effectD?: number;
  /** β-spending function of a non-binding futility bound, when the design has one. */
  readonly futility?: SpendingFunction;
  /** 1 (default): futility when A is not ahead (z < f); 2: when |z| < f. */
  readonly futilitySides?: 1 | 2;
}

/** One look of the plan. */
export interface ComparePlanLook {
  readonly look: number;
  readonly seedsPerArm: number;
  readonly informationFraction: number;
  readonly efficacyZ: number;
  readonly efficacyP: number;
  readonly futilityZ: number | null;
  readonly futilityP: number | null;
  /** Cumulative α spent through this look. */
  readonly alphaSpent: number;
  /** P(the study stops at this look) with no effect, and at the design effect (null without one). */
  readonly stopNoEffect: number;
  readonly stopDesignEffect: number | null;
}

/** The design effect's part of the plan. */
export interface ComparePlanEffect {
  readonly d: number;
  /** Power of these looks at d (efficacy in the effect's direction). */
  readonly power: number;
  /** Expected seeds per arm with no effect and at d (futility stops obeyed). */
  readonly expectedSeedsNoEffect: number;
  readonly expectedSeedsDesignEffect: number;
  /** Seeds per arm of a fixed (one-look) Welch/t design with the planned power. */
  readonly fixedSeedsPerArm: number | null;
  /** Maximum seeds per arm these look fractions need for the planned power at d (normal theory). */
  readonly maxSeedsForPlannedPower: number;
}

/** The plan of a compare design. */
export interface ComparePlan {
  readonly design: GroupSequentialDesign;
  readonly looks: ComparePlanLook[];
  readonly maxSeedsPerArm: number;
  /** Maximum information relative to a fixed design with the planned power (rpact's inflation factor). */
  readonly inflationFactor: number;
  readonly effect: ComparePlanEffect | null;
}

/** Compute the plan of a compare design. */
export function comparePlan(spec: ComparePlanSpec): ComparePlan {
  const nMax = spec.looks[spec.looks.length - 1]!;
  const t = spec.looks.map((n) => n / nMax);
  const beta = 1 - spec.power;
  const design = groupSequentialDesign({
    informationRates: t,
    alpha: spec.alpha,
    sided: 2,
    spending: spec.spending,
    ...(spec.futility ? { futility: { beta, spending: spec.futility, sides: spec.futilitySides ?? 1 } } : {}),
  });
  const characteristics = designCharacteristics(design, beta);
  const null0 = lookProbabilities(design, 0);
  const d = spec.effectD;
  const atEffect = d === undefined ? null : lookProbabilities(design, d * Math.sqrt(nMax / 2));
  const looks = spec.looks.map((n, k) => ({
    look: k + 1,
    seedsPerArm: n,
    informationFraction: t[k]!,
    efficacyZ: design.criticalValues[k]!,
    efficacyP: design.nominalP[k]!,
    futilityZ: design.futilityBounds[k] ?? null,
    futilityP: design.futilityP[k] ?? null,
    alphaSpent: design.alphaSpent[k]!,
    stopNoEffect: null0.stop[k]!,
    stopDesignEffect: atEffect ? atEffect.stop[k]! : null,
  }));
  const expected = (stop: readonly number[]) => stop.reduce((a, p, k) => a + p * spec.looks[k]!, 0);
  let effect: ComparePlanEffect | null = null;
  if (d !== undefined && atEffect) {
    const fixed = seedsPerArm(d, { alpha: spec.alpha, power: spec.power });
    effect = {
      d,
      power: atEffect.power,
      expectedSeedsNoEffect: expected(null0.stop),
      expectedSeedsDesignEffect: expected(atEffect.stop),
      fixedSeedsPerArm: typeof fixed === 'number' ? fixed : null,
      maxSeedsForPlannedPower: (2 * characteristics.shift) / (d * d),
    };
  }
  return { design, looks, maxSeedsPerArm: nMax, inflationFactor: characteristics.inflationFactor, effect };
}

/** Seeds per arm of a fixed design with power `power` at d under normal theory (no t correction). */
export function fixedNormalSeeds(d: number, alpha: number, power: number): number {
  return (2 * (normalQuantile(1 - alpha / 2) + normalQuantile(power)) ** 2) / (d * d);
}
