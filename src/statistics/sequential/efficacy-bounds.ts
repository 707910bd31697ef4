import { normalQuantile } from '../distributions.js';
import { bisect } from './root.js';
import { spentLevel, type SpendingFunction } from './spending.js';
import { stageMasses, type ZInterval } from './stage-masses.js';

/**
 * Efficacy boundaries from α-spending: c_k is the z at look k such that the probability under
 * "no effect" of first crossing at look k equals the α allotted to it, α(t_k) − α(t_{k−1}).
 * Solved look by look, so a boundary depends only on the looks so far: exactly what lets the
 * runner compute look k's boundary from the information it actually has. Futility bounds are
 * non-binding and play no part (the error rate holds whether or not a futility stop is obeyed).
 */

/** What the efficacy boundaries depend on. */
export interface EfficacySpec {
  /** Information fractions t_1 < … < t_K; t_K = 1 at the planned maximum. */
  readonly informationRates: readonly number[];
  /** Total type-I error (two-sided when sided = 2). */
  readonly alpha: number;
  readonly sided: 1 | 2;
  readonly spending: SpendingFunction;
  /**
   * Spend all of α at the last look even if its t < 1 (a study that ends early with fewer seeds
   * than planned); default true, as the last look is the last chance to use it.
   */
  readonly spendAllAtLast?: boolean;
}

/** Boundaries and the cumulative α they spend. */
export interface EfficacyBounds {
  /** c_k: reject at look k when Z_k ≥ c_k (one-sided) or |Z_k| ≥ c_k (two-sided). */
  readonly criticalValues: number[];
  /** Cumulative α spent through each look. */
  readonly alphaSpent: number[];
}

/** Continuation region of look k under efficacy boundaries alone. */
export function efficacyRegion(c: number, sided: 1 | 2): ZInterval[] {
  return [{ lo: sided === 2 ? -c : -Infinity, hi: c }];
}

/** α-spending efficacy boundaries (rpact `getDesignGroupSequential(typeOfDesign = "asOF"|"asP"|"asHSD")`). */
export function efficacyBounds(spec: EfficacySpec): EfficacyBounds {
  const { informationRates: t, alpha, sided, spending } = spec;
  const K = t.length;
  const targets = t.map((tk, k) =>
    k === K - 1 && spec.spendAllAtLast !== false ? alpha : spentLevel(spending, alpha, tk, sided),
  );
  const c: number[] = [];
  let spentBefore = 0;
  for (let k = 0; k < K; k++) {
    const target = targets[k]!;
    if (k === 0) {
      c.push(-normalQuantile(target / sided));
      spentBefore = target;
      continue;
    }
    const mass = stageMasses(
      t.slice(0, k + 1),
      c.map((ck) => efficacyRegion(ck, sided)),
      0,
    )[k]!;
    const crossing = (ck: number) => mass.above(ck) + (sided === 2 ? mass.below(-ck) : 0);
    const ck = bisect((x) => spentBefore + crossing(x) - target, 0, 8);
    c.push(ck);
    spentBefore += crossing(ck);
  }
  return { criticalValues: c, alphaSpent: cumulativeCrossing(t, c, sided) };
}

/** Cumulative probability under no effect of crossing an efficacy boundary by each look. */
function cumulativeCrossing(t: readonly number[], c: readonly number[], sided: 1 | 2): number[] {
  const masses = stageMasses(
    t,
    c.map((ck) => efficacyRegion(ck, sided)),
    0,
  );
  let acc = 0;
  return masses.map((m, k) => {
    acc += m.above(c[k]!) + (sided === 2 ? m.below(-c[k]!) : 0);
    return acc;
  });
}
