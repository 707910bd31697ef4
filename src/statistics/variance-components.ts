/**
 * Variance decomposition of seed-study scores: training seed vs prompt vs interaction vs decoding.
 *
 * Why: "is 82.4% vs 38.9% noise?" depends on WHICH noise. Two-way random-effects ANOVA on the
 * crossed seeds × prompts matrix (docs/references.md §7) gives σ²_seed (between training runs),
 * σ²_prompt (prompt difficulty) and σ²_residual (seed × prompt interaction, plus decoding noise).
 * When a checkpoint was evaluated more than once (`repeat`), the pooled within-cell variance
 * estimates decoding noise σ²_gen and separates it from the interaction. Negative moment estimates
 * are truncated at 0 (and flagged). `planningVariance` turns components into Var(ȳ) for a design.
 */
import type { ScoreMatrix } from './score-matrix.js';
import { insufficient, type Maybe } from './result.js';

/** Decoding (generation) noise from repeated evaluations of identical checkpoints. */
export interface GenerationNoise {
  /** Pooled within-cell variance Σ(y − ȳ_cell)² / Σ(K_cell − 1). */
  readonly variance: number;
  readonly df: number;
  /** Harmonic mean of repeats per cell over the cells of the ANOVA (K in σ²_gen/K). */
  readonly repeatsPerCell: number;
  readonly cells: number;
}

/**
 * Pools the variance of repeated scores of the same (seed, checkpoint, prompt). Cells with a single
 * evaluation contribute nothing. Insufficient when no cell was evaluated twice.
 */
export function generationNoise(cells: readonly (readonly number[])[]): Maybe<GenerationNoise> {
  let ss = 0;
  let df = 0;
  let invK = 0;
  for (const c of cells) {
    invK += 1 / Math.max(1, c.length);
    if (c.length < 2) continue;
    const m = c.reduce((t, v) => t + v, 0) / c.length;
    for (const v of c) ss += (v - m) * (v - m);
    df += c.length - 1;
  }
  if (df === 0)
    return insufficient('no checkpoint was evaluated more than once, so decoding noise cannot be estimated');
  return { variance: ss / df, df, repeatsPerCell: cells.length / invK, cells: cells.length };
}

/** The decomposition with mean squares (for audit) and shares of the total. */
export interface VarianceComponents {
  readonly seeds: number;
  readonly prompts: number;
  readonly grandMean: number;
  readonly msSeed: number;
  readonly msPrompt: number;
  readonly msResidual: number;
  /** Between-seed (training) variance of one prompt's score, (MS_seed − MS_res)/P truncated at 0. */
  readonly seed: number;
  /** Between-prompt variance, (MS_prompt − MS_res)/S truncated at 0. */
  readonly prompt: number;
  /** Residual of cell means = interaction + decoding/K; MS_res. */
  readonly residual: number;
  /** Seed × prompt interaction after removing decoding noise (only with repeats), truncated at 0. */
  readonly interaction: number | null;
  /** Decoding noise of ONE evaluation (only with repeats). */
  readonly generation: number | null;
  readonly repeatsPerCell: number;
  /** Shares of seed + prompt + residual (sum to 1, residual split when repeats exist). */
  readonly shares: {
    readonly seed: number;
    readonly prompt: number;
    readonly interaction: number;
    readonly generation: number;
  };
  /** Names of components whose moment estimate was negative and set to 0. */
  readonly truncated: readonly string[];
}

/**
 * Two-way random-effects ANOVA without replication on the seeds × prompts matrix of cell means
 * (repeats already averaged), optionally with decoding noise from {@link generationNoise}.
 * Needs S ≥ 2 and P ≥ 2.
 */
export function varianceComponents(m: ScoreMatrix, gen?: Maybe<GenerationNoise>): Maybe<VarianceComponents> {
  const S = m.seeds;
  const P = m.prompts;
  if (S < 2) return insufficient(`variance components need at least 2 seeds, got ${S}`);
  if (P < 2) return insufficient(`variance components need at least 2 prompts, got ${P}`);
  const y = m.values;
  const rows = new Float64Array(S);
  const cols = new Float64Array(P);
  let grand = 0;
  for (let s = 0; s < S; s++) {
    for (let p = 0; p < P; p++) {
      const v = y[s * P + p] as number;
      rows[s]! += v;
      cols[p]! += v;
      grand += v;
    }
  }
  grand /= S * P;
  for (let s = 0; s < S; s++) rows[s]! /= P;
  for (let p = 0; p < P; p++) cols[p]! /= S;
  let ssSeed = 0;
  let ssPrompt = 0;
  let ssRes = 0;
  for (let s = 0; s < S; s++) ssSeed += ((rows[s] as number) - grand) ** 2;
  for (let p = 0; p < P; p++) ssPrompt += ((cols[p] as number) - grand) ** 2;
  for (let s = 0; s < S; s++) {
    for (let p = 0; p < P; p++)
      ssRes += ((y[s * P + p] as number) - (rows[s] as number) - (cols[p] as number) + grand) ** 2;
  }
  const msSeed = (P * ssSeed) / (S - 1);
  const msPrompt = (S * ssPrompt) / (P - 1);
  const msResidual = ssRes / ((S - 1) * (P - 1));
  const truncated: string[] = [];
  const clip = (name: string, v: number): number => {
    if (v < 0) {
      truncated.push(name);
      return 0;
    }
    return v;
  };
  const seed = clip('seed', (msSeed - msResidual) / P);
  const prompt = clip('prompt', (msPrompt - msResidual) / S);
  const g = gen && !('status' in gen) ? gen : null;
  const generation = g ? g.variance : null;
  const K = g ? g.repeatsPerCell : 1;
  const interaction = g ? clip('interaction', msResidual - g.variance / K) : null;
  // Shares of the variance of ONE evaluation of one prompt by one seed.
  const genOne = generation ?? 0;
  const inter = interaction ?? msResidual;
  const total = seed + prompt + inter + genOne;
  const share = (v: number): number => (total > 0 ? v / total : 0);
  return {
    seeds: S,
    prompts: P,
    grandMean: grand,
    msSeed,
    msPrompt,
    msResidual,
    seed,
    prompt,
    residual: msResidual,
    interaction,
    generation,
    repeatsPerCell: K,
    shares: { seed: share(seed), prompt: share(prompt), interaction: share(inter), generation: share(genOne) },
    truncated,
  };
}

/** A design to plan: how many seeds, prompts and repeated evaluations per cell. */
export interface PlannedDesign {
  readonly seeds: number;
  readonly prompts: number;
  readonly repeats?: number;
  /** true: conclusions about THIS prompt set only (drops the prompt term). */
  readonly promptsFixed?: boolean;
}

/**
 * Var(ȳ) = σ²_seed/S + σ²_prompt/P + σ²_int/(S·P) + σ²_gen/(S·P·K) (docs/references.md §7), Miller's
 * Var(s̄) extended with a seed factor. Without repeats the residual stands in for int + gen/K.
 * Why: it answers "would more seeds, more prompts or more repeats shrink the error most?".
 */
export function planningVariance(c: VarianceComponents, d: PlannedDesign): number {
  const S = d.seeds;
  const P = d.prompts;
  const K = d.repeats ?? 1;
  const promptTerm = d.promptsFixed ? 0 : c.prompt / P;
  const cellTerm =
    c.interaction !== null && c.generation !== null
      ? c.interaction / (S * P) + c.generation / (S * P * K)
      : c.residual / (S * P);
  return c.seed / S + promptTerm + cellTerm;
}
