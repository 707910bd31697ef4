import { normalCdf, normalQuantile } from '../distributions.js';

/**
 * α- (and β-) spending functions of the Lan–DeMets approach: how much of the error rate may be
 * used up by information fraction t. Spending, rather than fixed boundary constants, is what lets
 * a look happen at a seed count other than planned (a failed seed) without breaking the error rate
 * (docs/references.md §25, §26).
 */

/** The spending families a study may name. */
export type SpendingFunction =
  | { readonly kind: 'obrien-fleming' }
  | { readonly kind: 'pocock' }
  | { readonly kind: 'hwang-shih-decani'; readonly gamma: number };

/**
 * Cumulative error spent by information fraction t ∈ [0, 1] for a total `level`.
 * `sided` only matters for O'Brien–Fleming: a two-sided design spends level/2 per side with the
 * one-sided O'Brien–Fleming-type function, 4·(1 − Φ(z_{1−level/4}/√t)) (rpact's `asOF`,
 * `sided = 2`); one-sided (and every β-spending) uses 2·(1 − Φ(z_{1−level/2}/√t)).
 * Pocock-type: level·ln(1 + (e − 1)t). Hwang–Shih–DeCani: level·(1 − e^{−γt})/(1 − e^{−γ}), linear at γ = 0.
 */
export function spentLevel(fn: SpendingFunction, level: number, t: number, sided: 1 | 2 = 1): number {
  if (!(t > 0)) return 0;
  const x = Math.min(1, t);
  switch (fn.kind) {
    case 'obrien-fleming':
      // Upper tails as Φ(−z): 1 − Φ(z) loses every digit of a 1e-12 first-look spend to rounding.
      return 2 * sided * normalCdf(normalQuantile(level / (2 * sided)) / Math.sqrt(x));
    case 'pocock':
      return level * Math.log(1 + (Math.E - 1) * x);
    case 'hwang-shih-decani':
      return fn.gamma === 0 ? level * x : (level * (1 - Math.exp(-fn.gamma * x))) / (1 - Math.exp(-fn.gamma));
  }
}
