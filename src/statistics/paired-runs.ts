import { gammaln } from 'simple-statistics';
import { pairedTTest, tTestFromSe, type PairedTResult } from './paired-t.js';
import { signFlipTest } from './sign-flip-test.js';
import { insufficient, isInsufficient, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';
import type { PairedRunsJson, TestJson } from './analysis-result.js';

/**
 * Two single runs scored on the same prompts (the seed document's 82.4% vs 38.9% case).
 * The only question this can answer is "are these two different MODELS on this prompt set?",
 * i.e. is the gap larger than prompt sampling explains. It can NOT say whether the config is
 * unstable, which result is typical, or how likely a run is to score X: that needs seeds.
 * Prompts in a category move together, so the category-clustered SE (df = categories − 1) is
 * the honest one; it needs only per-category sums, so it works for category-level imports.
 */
export const PAIRED_RUNS_QUESTION =
  'Are these two runs different models on this prompt set (is the gap larger than prompt sampling explains)?';
export const PAIRED_RUNS_NOT_ANSWERED =
  'Not answered: whether the config reliably scores either value, which run is typical, or the chance of another such run; one run per config carries no information about seed-to-seed variation.';

/** One run's scores: per prompt when available, and per category always. */
export interface RunScores {
  label: string;
  /** Per-prompt scores (absent for category-level imports). */
  prompts?: { promptId: string; category: string; score: number }[] | undefined;
  /** Per category: prompt count and the sum of prompt scores. */
  categories: { category: string; promptCount: number; sum: number }[];
}

/** Two-sided exact binomial test of k successes in n at p = ½ (McNemar's exact test on discordant pairs). */
export function exactMcNemarP(aOnly: number, bOnly: number): number {
  const n = aOnly + bOnly;
  if (n === 0) return 1;
  const k = Math.min(aOnly, bOnly);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(gammaln(n + 1) - gammaln(i + 1) - gammaln(n - i + 1) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

/**
 * Category-clustered paired t from category sums: d̄ = ΣD_c/N, SE = √(C/(C−1)·Σ(D_c − n_c·d̄)²)/N,
 * df = C − 1 (Miller 2024 App. A with inspect's C/(C−1)). D_c = Σ_{p∈c}(a_p − b_p).
 */
export function clusteredPairedT(
  clusters: readonly { n: number; diffSum: number }[],
  level = 0.95,
): Maybe<PairedTResult & { clusters: number }> {
  const C = clusters.length;
  if (C < 2) return insufficient(`a clustered SE needs at least 2 categories, got ${C}`);
  const N = clusters.reduce((s, c) => s + c.n, 0);
  const dbar = clusters.reduce((s, c) => s + c.diffSum, 0) / N;
  const ss = clusters.reduce((s, c) => s + (c.diffSum - c.n * dbar) ** 2, 0);
  const se = Math.sqrt((C / (C - 1)) * ss) / N;
  const r = tTestFromSe(dbar, se, C - 1, level);
  return isInsufficient(r) ? r : { ...r, clusters: C };
}

function testJson(r: Maybe<PairedTResult>): Maybe<TestJson> {
  if (isInsufficient(r)) return r;
  return {
    estimate: r.meanDiff,
    se: r.se,
    t: r.t,
    df: r.df,
    p: r.p,
    ci95: { low: r.ci.low, high: r.ci.high, method: r.ci.method, level: r.ci.level },
  };
}

/** Compares two single runs A and B on their shared prompts (or categories). */
export function pairedRuns(
  a: RunScores,
  b: RunScores,
  options: { passThreshold: number; random: RandomSource; resamples?: number },
): Omit<PairedRunsJson, 'comparability'> {
  const base = { a: a.label, b: b.label, question: PAIRED_RUNS_QUESTION, not_answered: PAIRED_RUNS_NOT_ANSWERED };
  // Category-level clustered comparison (works for every granularity).
  const bCat = new Map(b.categories.map((c) => [c.category, c]));
  const mismatch = a.categories
    .filter((c) => bCat.get(c.category)?.promptCount !== c.promptCount)
    .map((c) => c.category);
  const extra = b.categories.filter((c) => !a.categories.some((x) => x.category === c.category)).map((c) => c.category);
  const clusters = a.categories.map((c) => ({ n: c.promptCount, diffSum: c.sum - (bCat.get(c.category)?.sum ?? 0) }));
  const nPrompts = a.categories.reduce((s, c) => s + c.promptCount, 0);
  const clustered: PairedRunsJson['clustered_t'] =
    mismatch.length || extra.length
      ? insufficient(
          `the runs do not have the same categories and prompt counts (differ in: ${[...mismatch, ...extra].join(', ')})`,
        )
      : (() => {
          const r = clusteredPairedT(clusters);
          const j = testJson(r);
          return isInsufficient(j) || isInsufficient(r)
            ? (j as PairedRunsJson['clustered_t'])
            : { ...j, clusters: r.clusters };
        })();
  const diff = clusters.reduce((s, c) => s + c.diffSum, 0) / nPrompts;
  if (!a.prompts || !b.prompts) {
    const why = insufficient(
      `${!a.prompts ? a.label : b.label} has only category-level results; per-prompt tests need per-prompt scores`,
    );
    return {
      ...base,
      granularity: 'category',
      n_prompts: nPrompts,
      diff,
      paired_t: why,
      clustered_t: clustered,
      sign_flip_p: why,
      mcnemar: why,
    };
  }
  const bp = new Map(b.prompts.map((p) => [p.promptId, p.score]));
  const shared = a.prompts.filter((p) => bp.has(p.promptId));
  if (shared.length !== a.prompts.length || shared.length !== b.prompts.length) {
    const why = insufficient(
      `the runs were scored on different prompts (${shared.length} shared of ${a.prompts.length} and ${b.prompts.length})`,
    );
    return {
      ...base,
      granularity: 'prompt',
      n_prompts: shared.length,
      diff,
      paired_t: why,
      clustered_t: why,
      sign_flip_p: why,
      mcnemar: why,
    };
  }
  const d = shared.map((p) => p.score - bp.get(p.promptId)!);
  const flip = signFlipTest(d, { random: options.random, resamples: options.resamples ?? 10_000 });
  const pass = (s: number) => s >= options.passThreshold - 1e-12;
  const aOnly = shared.filter((p) => pass(p.score) && !pass(bp.get(p.promptId)!)).length;
  const bOnly = shared.filter((p) => !pass(p.score) && pass(bp.get(p.promptId)!)).length;
  return {
    ...base,
    granularity: 'prompt',
    n_prompts: shared.length,
    diff: d.reduce((s, x) => s + x, 0) / d.length,
    paired_t: testJson(pairedTTest(d)),
    clustered_t: clustered,
    sign_flip_p: isInsufficient(flip) ? flip : flip.p,
    mcnemar: { a_only: aOnly, b_only: bOnly, p: exactMcNemarP(aOnly, bOnly) },
  };
}
