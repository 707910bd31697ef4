import { binomialPmf } from './binomial-pmf.js';

/**
 * The reproduce question as an exact sequential binomial test. Each run either reaches the claim or
 * not (Y = 1{score ≥ claim}); q is the share of runs that do. H0: q ≥ p0 ("reproducible") against
 * H1: q ≤ p1 ("not reproducible"). At look k with n_k runs and s hits the study stops "not
 * reproducible" when s ≤ r_k and "reproducible" when s ≥ a_k; at the last look a_K = r_K + 1.
 * The bounds come from Wald's SPRT thresholds on the log-likelihood ratio, truncated at the last
 * look; the thresholds are then tuned on a grid so the exact error rates, computed by enumerating
 * every path (no simulation), are at most α and β with the fewest expected runs
 * (docs/references.md §28). This is the design `seedstudy plan` prints and each look obeys.
 */

/** What a reproduce design is asked for. */
export interface BinomialDesignSpec {
  /** Runs after each look, increasing. */
  readonly looks: readonly number[];
  /** Share of runs reaching the claim if it is reproducible (H0: q ≥ p0). */
  readonly p0: number;
  /** Share at most, if it is not (H1: q ≤ p1), p1 < p0. */
  readonly p1: number;
  /** Max P(declare "not reproducible" | q = p0). */
  readonly alpha: number;
  /** Max P(declare "reproducible" | q = p1). */
  readonly beta: number;
}

/** The bounds of one look. */
export interface BinomialLook {
  readonly runs: number;
  /** Stop "not reproducible" when hits ≤ this (−1: cannot stop that way here). */
  readonly notReproducibleAtMost: number;
  /** Stop "reproducible" when hits ≥ this (runs + 1: cannot stop that way here). */
  readonly reproducibleAtLeast: number;
}

/** Exact operating characteristics at one q. */
export interface BinomialCharacteristics {
  readonly q: number;
  /** P(the study ends "not reproducible"). */
  readonly notReproducible: number;
  /** P(the study ends "reproducible"). */
  readonly reproducible: number;
  /** P(stopping at each look). */
  readonly stop: number[];
  /** Expected number of runs. */
  readonly expectedRuns: number;
}

/** A calibrated reproduce design with its exact error rates. */
export interface BinomialDesign {
  readonly spec: BinomialDesignSpec;
  readonly looks: BinomialLook[];
  /** Exact P(declare "not reproducible" | q = p0): the type-I error actually attained. */
  readonly alphaAttained: number;
  /** Exact P(declare "reproducible" | q = p1). */
  readonly betaAttained: number;
  /** Whether both error rates are within the requested α and β. */
  readonly meetsTargets: boolean;
}

/** Exact characteristics of fixed bounds at q, by enumerating the hit count through the looks. */
export function binomialCharacteristics(looks: readonly BinomialLook[], q: number): BinomialCharacteristics {
  let dist = [1];
  let prevRuns = 0;
  let notRep = 0;
  let rep = 0;
  let expectedRuns = 0;
  const stop: number[] = [];
  for (const look of looks) {
    const m = look.runs - prevRuns;
    const inc = Array.from({ length: m + 1 }, (_, j) => binomialPmf(j, m, q));
    const next = new Array<number>(look.runs + 1).fill(0);
    dist.forEach((p, s) => {
      if (p === 0) return;
      for (let j = 0; j <= m; j++) next[s + j]! += p * inc[j]!;
    });
    let stopped = 0;
    next.forEach((p, s) => {
      if (s <= look.notReproducibleAtMost) {
        notRep += p;
        stopped += p;
        next[s] = 0;
      } else if (s >= look.reproducibleAtLeast) {
        rep += p;
        stopped += p;
        next[s] = 0;
      }
    });
    stop.push(stopped);
    expectedRuns += stopped * look.runs;
    dist = next;
    prevRuns = look.runs;
  }
  return { q, notReproducible: notRep, reproducible: rep, stop, expectedRuns };
}

/** Log-likelihood ratio of H1 (q = p1) against H0 (q = p0) after n runs with s hits. */
function llr(n: number, s: number, p0: number, p1: number): number {
  return s * Math.log(p1 / p0) + (n - s) * Math.log((1 - p1) / (1 - p0));
}

/** Interim bounds from thresholds A (reject H0 when LLR ≥ A) and B (accept when LLR ≤ B), last look open. */
function sprtLooks(spec: BinomialDesignSpec, upper: number, lower: number): BinomialLook[] {
  return spec.looks.map((n) => {
    let r = -1;
    let a = n + 1;
    for (let s = 0; s <= n; s++) {
      const l = llr(n, s, spec.p0, spec.p1);
      if (l >= upper) r = s;
      if (l <= lower && a === n + 1) a = s;
    }
    return { runs: n, notReproducibleAtMost: r, reproducibleAtLeast: Math.max(a, r + 1) };
  });
}

/** Close the last look: the largest r_K whose exact α stays within target (a_K = r_K + 1). */
function closeLastLook(spec: BinomialDesignSpec, looks: BinomialLook[]): BinomialLook[] {
  const K = looks.length;
  const n = looks[K - 1]!.runs;
  let best: BinomialLook[] = [];
  for (let r = -1; r <= n; r++) {
    const candidate = [...looks.slice(0, -1), { runs: n, notReproducibleAtMost: r, reproducibleAtLeast: r + 1 }];
    if (binomialCharacteristics(candidate, spec.p0).notReproducible <= spec.alpha + 1e-12) best = candidate;
    else break;
  }
  return best.length > 0
    ? best
    : [...looks.slice(0, -1), { runs: n, notReproducibleAtMost: -1, reproducibleAtLeast: 0 }];
}

/** Multiples of Wald's thresholds tried; Infinity switches that kind of interim stop off (always α-feasible). */
const FACTORS = [...Array.from({ length: 36 }, (_, i) => 0.25 + i * 0.05), Infinity];

/** Search Wald-threshold multiples for the design with exact α ≤ target, β ≤ target and fewest expected runs. */
export function binomialDesign(spec: BinomialDesignSpec): BinomialDesign {
  validate(spec);
  const waldUpper = Math.log((1 - spec.beta) / spec.alpha);
  const waldLower = Math.log(spec.beta / (1 - spec.alpha));
  let best: { looks: BinomialLook[]; a: number; b: number; cost: number } | null = null;
  const seen = new Set<string>();
  for (const fu of FACTORS) {
    for (const fl of FACTORS) {
      const looks = closeLastLook(spec, sprtLooks(spec, waldUpper * fu, waldLower * fl));
      const key = JSON.stringify(looks);
      if (seen.has(key)) continue;
      seen.add(key);
      const h0 = binomialCharacteristics(looks, spec.p0);
      const h1 = binomialCharacteristics(looks, spec.p1);
      // α is a hard limit. Among designs within α: those within β by expected runs; else the smallest β.
      if (h0.notReproducible > spec.alpha + 1e-12) continue;
      const ok = h1.reproducible <= spec.beta + 1e-12;
      const cost = ok ? (h0.expectedRuns + h1.expectedRuns) / 2 : 1e6 + h1.reproducible;
      if (!best || cost < best.cost - 1e-12) best = { looks, a: h0.notReproducible, b: h1.reproducible, cost };
    }
  }
  const chosen = best!;
  return {
    spec,
    looks: chosen.looks,
    alphaAttained: chosen.a,
    betaAttained: chosen.b,
    meetsTargets: chosen.cost < 1e6,
  };
}

function validate(spec: BinomialDesignSpec): void {
  const { looks, p0, p1, alpha, beta } = spec;
  if (!(p1 > 0 && p1 < p0 && p0 < 1)) throw new RangeError(`need 0 < p1 < p0 < 1, got p0 = ${p0}, p1 = ${p1}`);
  if (!(alpha > 0 && alpha < 0.5 && beta > 0 && beta < 0.5)) throw new RangeError('α and β must be in (0, 0.5)');
  looks.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1 || (i > 0 && n <= looks[i - 1]!))
      throw new RangeError(`looks must be increasing positive run counts, got ${looks.join(', ')}`);
  });
}
