/**
 * Two-level bootstrap of a seeds × prompts score matrix: the interval "over seeds AND prompts".
 *
 * Why crossed, not nested: in a seed study every seed is scored on the SAME prompts, so seeds and
 * prompts are crossed factors. The wording "resample seeds, then prompts within each seed"
 * describes the nested bootstrap, which redraws prompts independently inside every seed; with a
 * crossed design that averages the shared prompt effect away and understates the prompt component
 * of the variance (docs/references.md §6). The default here is therefore the two-way ("pigeonhole",
 * Owen 2007) resampler: per replicate draw S seed indices and P prompt indices (stratified by
 * category, so the category weights stay fixed) ONCE, and take the submatrix. rliable's per-task
 * stratified resampler is never used: it breaks the within-seed correlation (docs/references.md §6).
 * The nested variant is kept as an option for comparison only. The submatrix keeps repeated seeds
 * and prompts (a pigeonhole bootstrap double-counts the residual slightly, Owen 2007: conservative).
 *
 * Speed: the submatrix mean is (1/SP) Σ_s Σ_p c_s d_p y[s,p] with seed counts c and prompt counts d,
 * so a replicate costs one dense dot product per distinct drawn seed (≈ 0.63·S·P multiply-adds), no copying.
 */
import { normalCdf, tCritical } from './distributions.js';
import { percentileFromReplicates, quantileSorted, type BootstrapInterval } from './bootstrap.js';
import { assertLevel, DEFAULT_LEVEL, insufficient, isInsufficient, makeInterval, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';
import { effectiveDf, matrixMean, strataGroups, type ScoreMatrix, type TwoLevelDesign } from './score-matrix.js';

/** Re-exported so callers of the bootstrap need only this module. */
export type { ScoreMatrix, TwoLevelDesign } from './score-matrix.js';

/** Options of the two-level bootstrap. */
export interface HierarchicalBootstrapOptions {
  readonly random: RandomSource;
  readonly resamples?: number;
  readonly level?: number;
  /** Category (stratum) index of each prompt; prompts are resampled within their stratum. Default: one stratum. */
  readonly strata?: ArrayLike<number>;
  readonly design?: TwoLevelDesign;
  /**
   * 'expanded-percentile' (default): Hesterberg's small-sample expansion of the percentile levels,
   * α' = Φ(−√((ν+1)/ν)·t_{ν,1−α/2}), with ν the Satterthwaite degrees of freedom of the two variance
   * sources (seeds: S−1; prompts: Σ_c (n_c−1) within strata). Why: with few seeds the bootstrap spread
   * is too narrow by (S−1)/S and normal rather than t; measured coverage at S = 8, P = 27 is 92–95%
   * for the plain percentile and 97–98% when expanding with ν = S−1 (too wide, since the prompt part
   * has more df). 'percentile': plain percentile levels.
   */
  readonly interval?: 'expanded-percentile' | 'percentile';
}

/** Draws stratified prompt counts into `counts` (zeroed first). */
function drawPromptCounts(groups: Int32Array[], counts: Int32Array, random: RandomSource): void {
  counts.fill(0);
  for (const g of groups) {
    const n = g.length;
    for (let i = 0; i < n; i++) counts[g[Math.floor(random() * n)] as number]! += 1;
  }
}

/**
 * Mean of the submatrix given seed counts and dense prompt weights (0 for undrawn prompts). A dense,
 * 4-way unrolled dot product per drawn seed beats a sparse gather over the ~63% distinct prompts.
 */
function weightedMean(m: ScoreMatrix, seedCounts: Int32Array, w: Float64Array): number {
  const P = m.prompts;
  const y = m.values;
  let total = 0;
  for (let s = 0; s < m.seeds; s++) {
    const c = seedCounts[s] as number;
    if (c === 0) continue;
    const base = s * P;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let p = 0;
    for (; p + 3 < P; p += 4) {
      r0 += (w[p] as number) * (y[base + p] as number);
      r1 += (w[p + 1] as number) * (y[base + p + 1] as number);
      r2 += (w[p + 2] as number) * (y[base + p + 2] as number);
      r3 += (w[p + 3] as number) * (y[base + p + 3] as number);
    }
    for (; p < P; p++) r0 += (w[p] as number) * (y[base + p] as number);
    total += c * (r0 + r1 + r2 + r3);
  }
  return total / (m.seeds * P);
}

/**
 * Bootstrap replicates of the grand mean of each matrix. Seeds are drawn independently per matrix
 * (each arm has its own seeds); prompt draws are SHARED across matrices because every arm is scored
 * on the same prompts (paired prompts, docs/references.md §6). All matrices must have the same prompt count.
 */
export function twoLevelReplicates(
  matrices: readonly ScoreMatrix[],
  options: HierarchicalBootstrapOptions,
): Float64Array[] {
  const B = options.resamples ?? 10_000;
  const design = options.design ?? 'crossed';
  const random = options.random;
  const P = matrices[0]?.prompts ?? 0;
  for (const m of matrices) {
    if (m.prompts !== P) throw new RangeError('all matrices must share the prompt set');
    if (m.values.length !== m.seeds * m.prompts) throw new RangeError('matrix values do not match seeds × prompts');
  }
  const groups = strataGroups(P, options.strata);
  const out = matrices.map(() => new Float64Array(B));
  const promptCounts = new Int32Array(P);
  const weights = new Float64Array(P).fill(1);
  const seedCounts = matrices.map((m) => new Int32Array(m.seeds));
  for (let b = 0; b < B; b++) {
    if (design === 'nested') {
      matrices.forEach((m, k) => {
        let total = 0;
        for (let i = 0; i < m.seeds; i++) {
          const base = Math.floor(random() * m.seeds) * P;
          for (const g of groups)
            for (let j = 0; j < g.length; j++)
              total += m.values[base + (g[Math.floor(random() * g.length)] as number)] as number;
        }
        out[k]![b] = total / (m.seeds * P);
      });
      continue;
    }
    if (design === 'crossed') {
      drawPromptCounts(groups, promptCounts, random);
      for (let p = 0; p < P; p++) weights[p] = promptCounts[p] as number;
    }
    matrices.forEach((m, k) => {
      const c = seedCounts[k]!;
      c.fill(0);
      for (let i = 0; i < m.seeds; i++) c[Math.floor(random() * m.seeds)]! += 1;
      out[k]![b] = weightedMean(m, c, weights);
    });
  }
  return out;
}

/** A two-level bootstrap interval, labelled with what it generalises over. */
export interface HierarchicalInterval extends BootstrapInterval {
  readonly design: TwoLevelDesign;
  /** Human label for reports, e.g. "over seeds and prompts". */
  readonly label: string;
  readonly seeds: number;
  /** Degrees of freedom used by the small-sample expansion ({@link effectiveDf}). */
  readonly df: number;
}

function label(design: TwoLevelDesign): string {
  return design === 'seeds'
    ? 'over seeds, prompts fixed'
    : design === 'crossed'
      ? 'over seeds and prompts'
      : 'over seeds and prompts (nested resampling)';
}

/** Interval from replicates with the chosen small-sample rule (see {@link HierarchicalBootstrapOptions.interval}). */
function intervalFrom(
  reps: Float64Array,
  estimate: number,
  df: number,
  level: number,
  kind: 'expanded-percentile' | 'percentile',
): Maybe<BootstrapInterval> {
  if (kind === 'percentile') return percentileFromReplicates(reps, estimate, level);
  const alphaHalf = normalCdf(-Math.sqrt((df + 1) / df) * tCritical(level, df));
  const sorted = reps.sort();
  const iv = makeInterval(
    quantileSorted(sorted, alphaHalf),
    quantileSorted(sorted, 1 - alphaHalf),
    'expanded-percentile',
    level,
  );
  if (isInsufficient(iv)) return insufficient(`bootstrap replicates have no spread: ${iv.reason}`);
  return { ...iv, estimate, resamples: reps.length };
}

/** Two-level bootstrap CI of the grand mean of one arm's seeds × prompts matrix. Needs S ≥ 2. */
export function hierarchicalBootstrapMean(
  m: ScoreMatrix,
  options: HierarchicalBootstrapOptions,
): Maybe<HierarchicalInterval> {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  if (m.seeds < 2) return insufficient(`a bootstrap over seeds needs at least 2 seeds, got ${m.seeds}`);
  if (m.prompts < 1) return insufficient('no prompts');
  const design = options.design ?? 'crossed';
  const [reps] = twoLevelReplicates([m], options);
  const df = effectiveDf(m, options.strata, design);
  const iv = intervalFrom(reps!, matrixMean(m), df, level, options.interval ?? 'expanded-percentile');
  if (isInsufficient(iv)) return iv;
  return { ...iv, design, label: label(design), seeds: m.seeds, df };
}

/**
 * Two-level bootstrap CI of mean(A) − mean(B): seeds resampled independently per arm, prompt draws
 * shared (the arms are paired by prompt). The expansion uses the smaller arm's seed count.
 */
export function hierarchicalBootstrapDifference(
  a: ScoreMatrix,
  b: ScoreMatrix,
  options: HierarchicalBootstrapOptions,
): Maybe<HierarchicalInterval> {
  const level = options.level ?? DEFAULT_LEVEL;
  assertLevel(level);
  if (a.seeds < 2 || b.seeds < 2) return insufficient(`each arm needs at least 2 seeds, got ${a.seeds} and ${b.seeds}`);
  const design = options.design ?? 'crossed';
  const [ra, rb] = twoLevelReplicates([a, b], options);
  const diff = new Float64Array(ra!.length);
  for (let i = 0; i < diff.length; i++) diff[i] = (ra![i] as number) - (rb![i] as number);
  const s = Math.min(a.seeds, b.seeds);
  const df = Math.min(effectiveDf(a, options.strata, design), effectiveDf(b, options.strata, design));
  const iv = intervalFrom(diff, matrixMean(a) - matrixMean(b), df, level, options.interval ?? 'expanded-percentile');
  if (isInsufficient(iv)) return iv;
  return { ...iv, design, label: label(design), seeds: s, df };
}
