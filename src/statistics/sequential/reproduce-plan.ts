import {
  binomialCharacteristics,
  binomialDesign,
  type BinomialCharacteristics,
  type BinomialDesign,
} from './binomial-design.js';

/**
 * What `seedstudy plan` shows for a reproduce design: the calibrated bounds per look and, computed
 * exactly, the error rates and expected runs when no run reaches the claim, when p1 or p0 of them do,
 * and half way; the fixed comparator is a single look at the maximum number of runs.
 */

/** The plan of a reproduce design. */
export interface ReproducePlan {
  readonly design: BinomialDesign;
  /** Exact operating characteristics at q = 0, p1, (p0 + p1)/2, p0 and 0.5 (deduplicated, ascending). */
  readonly scenarios: BinomialCharacteristics[];
  readonly maxRuns: number;
}

/** Compute the plan of a reproduce design. */
export function reproducePlan(spec: Parameters<typeof binomialDesign>[0]): ReproducePlan {
  const design = binomialDesign(spec);
  const qs = [...new Set([0, spec.p1, (spec.p0 + spec.p1) / 2, spec.p0, 0.5])].sort((a, b) => a - b);
  return {
    design,
    scenarios: qs.map((q) => binomialCharacteristics(design.looks, q)),
    maxRuns: spec.looks[spec.looks.length - 1]!,
  };
}
