import { welchTTest } from './welch.js';
import { mannWhitneyU } from './mann-whitney.js';
import { permutationTest } from './permutation-test.js';
import { hedgesG } from './hedges-g.js';
import { probabilityOfImprovement } from './probability-of-improvement.js';
import { pairedBySeed, type SeedScore } from './paired-by-seed.js';
import { holmAdjust } from './holm.js';
import { independentRandoms } from './rng.js';
import { insufficient, isInsufficient, type Interval, type Maybe } from './result.js';

/**
 * Arm-vs-arm comparisons on per-seed scores, assembled into the `comparisons[]` records of
 * `analyze --json`. Welch is the primary test (its p is the one Holm-adjusted for the
 * headline); Mann–Whitney and the exact permutation test are distribution-free checks
 * that matter when seed outcomes are bimodal. Effect sizes (difference, Hedges' g,
 * P(A > B)) come with intervals, because "p < 0.05" alone says nothing about size.
 */
export interface ArmComparison {
  a: string;
  b: string;
  n_a: number;
  n_b: number;
  /** mean(A) − mean(B) over seeds. */
  diff: Maybe<number>;
  /** Welch CI of the difference. */
  ci95: Maybe<Interval>;
  welch_t: Maybe<number>;
  welch_df: Maybe<number>;
  welch_p: Maybe<number>;
  /** Holm-adjusted Welch p across every comparison in this analysis. */
  welch_p_holm: Maybe<number>;
  mannwhitney_u: Maybe<number>;
  mannwhitney_p: Maybe<number>;
  mannwhitney_method: 'exact' | 'asymptotic' | null;
  permutation_p: Maybe<number>;
  permutation_p_holm: Maybe<number>;
  permutation_method: 'exact' | 'monte-carlo' | null;
  /** Smallest p the permutation test can give for these values (0.1 at 3 v 3, 1/35 at 3 v 4; ties raise it). */
  permutation_min_p: Maybe<number>;
  hedges_g: Maybe<number>;
  prob_improvement: Maybe<{ estimate: number; ci95: Maybe<Interval> }>;
  /** Present when the arms share at least 2 seeds. */
  paired?: PairedSummary;
}

/** Paired-by-seed summary (arms trained with the same seeds). */
export interface PairedSummary {
  seeds: number[];
  mean_diff: number;
  ci95: Maybe<Interval>;
  t_p: Maybe<number>;
  sign_flip_p: Maybe<number>;
  sign_flip_method: 'exact' | 'exact-lattice' | 'monte-carlo' | null;
  correlation: Maybe<number>;
}

/** Settings for {@link compareArms}. */
export interface CompareOptions {
  /** Bootstrap resamples for P(A > B) and Monte Carlo permutations. */
  resamples: number;
  rngSeed: number;
}

function field<T, K extends keyof T>(r: Maybe<T>, k: K): Maybe<T[K]> {
  return isInsufficient(r) ? r : r[k];
}

function compareOne(
  a: string,
  b: string,
  sa: readonly SeedScore[],
  sb: readonly SeedScore[],
  opts: CompareOptions,
  seed: number,
): ArmComparison {
  const [r1, r2, r3] = independentRandoms(seed, 3) as [() => number, () => number, () => number];
  const x = sa.map((s) => s.score);
  const y = sb.map((s) => s.score);
  const welch = welchTTest(x, y);
  const mw = mannWhitneyU(x, y);
  const perm = permutationTest(x, y, { random: r1, resamples: opts.resamples });
  const g = hedgesG(x, y);
  const poi = probabilityOfImprovement(x, y, { random: r2, resamples: Math.min(opts.resamples, 10_000) });
  const diff: Maybe<number> =
    x.length && y.length
      ? x.reduce((p, q) => p + q, 0) / x.length - y.reduce((p, q) => p + q, 0) / y.length
      : insufficient('an arm has no seeds');
  const out: ArmComparison = {
    a,
    b,
    n_a: x.length,
    n_b: y.length,
    diff,
    ci95: field(welch, 'ci'),
    welch_t: field(welch, 't'),
    welch_df: field(welch, 'df'),
    welch_p: field(welch, 'p'),
    welch_p_holm: field(welch, 'p'),
    mannwhitney_u: field(mw, 'u'),
    mannwhitney_p: field(mw, 'p'),
    mannwhitney_method: isInsufficient(mw) ? null : mw.method,
    permutation_p: field(perm, 'p'),
    permutation_p_holm: field(perm, 'p'),
    permutation_method: isInsufficient(perm) ? null : perm.method,
    permutation_min_p: field(perm, 'minAttainableP'),
    hedges_g: field(g, 'g'),
    prob_improvement: isInsufficient(poi) ? poi : { estimate: poi.estimate, ci95: poi.ci },
  };
  const paired = pairedBySeed(sa, sb, { random: r3, resamples: opts.resamples });
  if (!isInsufficient(paired)) {
    out.paired = {
      seeds: paired.seeds,
      mean_diff: paired.diffs.reduce((p, q) => p + q, 0) / paired.diffs.length,
      ci95: isInsufficient(paired.t) ? paired.t : paired.t.ci,
      t_p: field(paired.t, 'p'),
      sign_flip_p: field(paired.signFlip, 'p'),
      sign_flip_method: isInsufficient(paired.signFlip) ? null : paired.signFlip.method,
      correlation: paired.correlation,
    };
  }
  return out;
}

function holmInPlace(
  rows: ArmComparison[],
  key: 'welch_p' | 'permutation_p',
  target: 'welch_p_holm' | 'permutation_p_holm',
): void {
  const idx = rows.map((r, i) => (typeof r[key] === 'number' ? i : -1)).filter((i) => i >= 0);
  const adjusted = holmAdjust(idx.map((i) => rows[i]![key] as number));
  idx.forEach((i, k) => (rows[i]![target] = adjusted[k]!));
}

/**
 * Compares each requested pair (A, B) of arms; p-values are Holm-adjusted across the pairs.
 * Each pair draws from its own independent random stream, so adding a comparison does
 * not change the others' Monte Carlo results.
 */
export function compareArms(
  seedScores: ReadonlyMap<string, readonly SeedScore[]>,
  pairs: readonly (readonly [string, string])[],
  opts: CompareOptions,
): ArmComparison[] {
  const rows = pairs.map(([a, b], i) => {
    const sa = seedScores.get(a) ?? [];
    const sb = seedScores.get(b) ?? [];
    return compareOne(a, b, sa, sb, opts, opts.rngSeed + 7919 * (i + 1));
  });
  holmInPlace(rows, 'welch_p', 'welch_p_holm');
  holmInPlace(rows, 'permutation_p', 'permutation_p_holm');
  return rows;
}

/** Every unordered pair of arms in the given order: (arms[i], arms[j]) for i < j. */
export function allPairs(arms: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < arms.length; i++) for (let j = i + 1; j < arms.length; j++) out.push([arms[i]!, arms[j]!]);
  return out;
}
