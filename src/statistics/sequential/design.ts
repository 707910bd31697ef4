import { normalCdf } from '../distributions.js';
import { efficacyBounds, type EfficacySpec } from './efficacy-bounds.js';
import { futilityDesign, type FutilitySpec } from './futility-bounds.js';

/**
 * A group-sequential design in z units: what `seedstudy plan` prints and what each look is judged
 * against. Built from information fractions, α and a spending function; optionally with a
 * non-binding β-spending futility bound.
 */

/** Everything a design depends on. */
export interface GroupSequentialSpec extends EfficacySpec {
  readonly futility?: FutilitySpec;
}

/** The boundaries of a design, per look. */
export interface GroupSequentialDesign {
  readonly spec: GroupSequentialSpec;
  /** Efficacy z boundaries c_k. */
  readonly criticalValues: number[];
  /** Nominal p-value boundaries (two-sided when sided = 2): reject at look k when p ≤ this. */
  readonly nominalP: number[];
  /** Futility z bounds f_k for looks 1..K−1 (null: none). Stop when |Z_k| < f_k, or Z_k < f_k with futilitySides 1. */
  readonly futilityBounds: (number | null)[];
  /** Nominal p above which a look stops for futility (two-sided futility only), null where none. */
  readonly futilityP: (number | null)[];
  /** Cumulative α spent through each look. */
  readonly alphaSpent: number[];
  /** Cumulative β spent at the futility design's drift (futility designs only). */
  readonly betaSpent?: number[];
  /** Drift θ (E Z_k = θ√t_k) at which the futility design has power 1 − β. */
  readonly futilityDrift?: number;
  /** 1: futility stops when Z_k < f_k; 2: when |Z_k| < f_k. */
  readonly futilitySides: 1 | 2;
}

/** Smallest futility bound worth reporting; rpact shows bounds ≤ 1e-5 as none. */
const NO_FUTILITY = 1e-5;

/** Build the design (rpact `getDesignGroupSequential` with `typeBetaSpending`, `bindingFutility = FALSE`). */
export function groupSequentialDesign(spec: GroupSequentialSpec): GroupSequentialDesign {
  const t = spec.informationRates;
  if (t.length < 1) throw new RangeError('a design needs at least one look');
  for (let k = 0; k < t.length; k++) {
    const prev = k === 0 ? 0 : t[k - 1]!;
    if (!(t[k]! > prev) || !(t[k]! <= 1 + 1e-12))
      throw new RangeError(`information fractions must increase within (0, 1], got ${t.join(', ')}`);
  }
  const { criticalValues, alphaSpent } = efficacyBounds(spec);
  const tail = (z: number) => spec.sided * normalCdf(-z);
  const base = { spec, criticalValues, nominalP: criticalValues.map(tail), alphaSpent };
  const futilitySides = spec.futility?.sides ?? spec.sided;
  if (!spec.futility || t.length === 1) {
    const none = t.slice(0, -1).map(() => null);
    return { ...base, futilityBounds: none, futilityP: none, futilitySides };
  }
  const fut = futilityDesign(t, criticalValues, spec.futility, futilitySides);
  const shown = fut.futilityBounds
    .slice(0, -1)
    .map((f) => (futilitySides === 2 ? (f > NO_FUTILITY ? f : null) : f > -6 ? f : null));
  return {
    ...base,
    futilitySides,
    futilityBounds: shown,
    // A one-sided futility bound on the signed z has no two-sided p equivalent.
    futilityP: shown.map((f) => (f === null || futilitySides === 1 ? null : tail(f))),
    betaSpent: fut.betaSpent,
    futilityDrift: fut.drift,
  };
}
