import { normalQuantile } from '../distributions.js';
import type { GroupSequentialDesign } from './design.js';
import { oneSidedRegion, twoSidedRegion } from './futility-bounds.js';
import { bisect } from './root.js';
import { stageMasses } from './stage-masses.js';

/**
 * Operating characteristics of a design at a drift: power, the probability of stopping at each
 * look and the expected information used. With them, `designCharacteristics` reproduces rpact's
 * `getDesignCharacteristics`: the maximum information for power 1 − β relative to the fixed
 * design (inflation factor) and the expected information under no effect, half and the full
 * effect (ASN, as multiples of the fixed design). Futility stops count as stops: the plan assumes
 * they are obeyed, although the error rate does not depend on it.
 */

/** Per-look probabilities at one drift. */
export interface LookProbabilities {
  /** P(stop at look k for efficacy in the direction of the effect). */
  readonly efficacyUp: number[];
  /** P(stop at look k for efficacy in the opposite direction), 0 one-sided. */
  readonly efficacyDown: number[];
  /** P(stop at look k for futility), 0 at the last look. */
  readonly futility: number[];
  /** P(stop at look k for any reason); the last look takes every path still running. */
  readonly stop: number[];
  /** Probability of crossing the efficacy boundary in the direction of the effect by the end. */
  readonly power: number;
  /** Expected information fraction Σ t_k·P(stop at k). */
  readonly expectedFraction: number;
}

/** Probabilities of each outcome per look when E Z_k = drift·√t_k. */
export function lookProbabilities(design: GroupSequentialDesign, drift: number): LookProbabilities {
  const { informationRates: t, sided } = design.spec;
  const c = design.criticalValues;
  const K = t.length;
  const oneSidedFutility = sided === 1 || design.futilitySides === 1;
  // Lower edge of the continuation region: −c (two-sided), raised to a one-sided futility bound f.
  const lower = (k: number): number => {
    const f = design.futilityBounds[k] ?? null;
    const base = sided === 2 ? -c[k]! : -Infinity;
    return oneSidedFutility && f !== null ? Math.max(f, base) : base;
  };
  const gap = (k: number): number => (oneSidedFutility ? 0 : (design.futilityBounds[k] ?? 0));
  const regions = t
    .slice(0, -1)
    .map((_, k) => (oneSidedFutility ? oneSidedRegion(c[k]!, lower(k)) : twoSidedRegion(c[k]!, gap(k))));
  const masses = stageMasses(t, regions, drift);
  const up: number[] = [];
  const down: number[] = [];
  const fut: number[] = [];
  const stop: number[] = [];
  masses.forEach((m, k) => {
    const u = m.above(c[k]!);
    const d = sided === 2 ? m.below(-c[k]!) : 0;
    const last = k === K - 1;
    let fu = 0;
    if (!last && oneSidedFutility) fu = lower(k) === -Infinity ? 0 : Math.max(0, m.below(lower(k)) - d);
    else if (!last) fu = Math.max(0, m.below(gap(k)) - m.below(-gap(k)));
    up.push(u);
    down.push(d);
    fut.push(fu);
    stop.push(last ? m.reach : u + d + fu);
  });
  const power = up.reduce((a, b) => a + b, 0);
  const expectedFraction = stop.reduce((a, p, k) => a + p * t[k]!, 0);
  return { efficacyUp: up, efficacyDown: down, futility: fut, stop, power, expectedFraction };
}

/** rpact-style characteristics of a design for power 1 − β. */
export interface DesignCharacteristics {
  /** (z_{1−α/sided} + z_{1−β})²: the drift² a one-look design needs. */
  readonly nFixed: number;
  /** Drift² at which the design has power 1 − β. */
  readonly shift: number;
  /** shift / nFixed: the maximum information relative to the fixed design. */
  readonly inflationFactor: number;
  /** Cumulative power by look at that shift. */
  readonly power: number[];
  /** Expected information relative to the fixed design under no effect, half and the full effect. */
  readonly asn0: number;
  readonly asn01: number;
  readonly asn1: number;
}

/** The design's characteristics for power 1 − β (rpact `getDesignCharacteristics`, `twoSidedPower = FALSE`). */
export function designCharacteristics(design: GroupSequentialDesign, beta: number): DesignCharacteristics {
  const { alpha, sided, informationRates: t } = design.spec;
  const nFixed = (normalQuantile(1 - alpha / sided) + normalQuantile(1 - beta)) ** 2;
  const upper = 4 * nFixed;
  const shift = bisect((s) => 1 - beta - lookProbabilities(design, Math.sqrt(s)).power, 0, upper);
  const at = (drift: number) => lookProbabilities(design, drift);
  const h1 = at(Math.sqrt(shift));
  const tK = t[t.length - 1]!;
  const asn = (p: LookProbabilities) => (shift * (tK - 0) - shift * sumSaved(p, t)) / nFixed;
  let acc = 0;
  return {
    nFixed,
    shift,
    inflationFactor: shift / nFixed,
    power: h1.efficacyUp.map((u) => (acc += u)),
    asn0: asn(at(0)),
    asn01: asn(at(Math.sqrt(shift) / 2)),
    asn1: asn(h1),
  };
}

/** Σ_{k<K} P(stop at k)·(t_K − t_k): the information not used thanks to early stops. */
function sumSaved(p: LookProbabilities, t: readonly number[]): number {
  const K = t.length;
  let s = 0;
  for (let k = 0; k < K - 1; k++) s += p.stop[k]! * (t[K - 1]! - t[k]!);
  return s;
}
