/**
 * The seeds × prompts score matrix shared by the two-level bootstrap, variance components and
 * arm summaries, plus the small helpers they need (strata groups, grand mean, effective df).
 *
 * Why a dense Float64Array: the bootstrap touches every cell thousands of times; a flat typed
 * array keeps 100 seeds × 500 prompts in 400 kB and the inner loop free of pointer chasing.
 */

/** Row-major seeds × prompts scores (no missing cells): y[s, p] = values[s·prompts + p]. */
export interface ScoreMatrix {
  readonly seeds: number;
  readonly prompts: number;
  readonly values: Float64Array;
}

/** `crossed` (default, correct for seed studies), `nested` (prompts redrawn per seed), `seeds` (prompts fixed). */
export type TwoLevelDesign = 'crossed' | 'nested' | 'seeds';

/** Groups prompt indices by stratum (category); one group when no strata are given. */
export function strataGroups(prompts: number, strata: ArrayLike<number> | undefined): Int32Array[] {
  if (!strata) return [Int32Array.from({ length: prompts }, (_, i) => i)];
  if (strata.length !== prompts) throw new RangeError(`strata has ${strata.length} entries for ${prompts} prompts`);
  const map = new Map<number, number[]>();
  for (let p = 0; p < prompts; p++) {
    const k = strata[p] as number;
    const g = map.get(k);
    if (g) g.push(p);
    else map.set(k, [p]);
  }
  return [...map.values()].map((g) => Int32Array.from(g));
}

/** Grand mean of a score matrix. */
export function matrixMean(m: ScoreMatrix): number {
  let t = 0;
  for (let i = 0; i < m.values.length; i++) t += m.values[i] as number;
  return t / m.values.length;
}

/**
 * Satterthwaite degrees of freedom of Var(ȳ) ≈ V_seed + V_prompt, where V_seed = var(row means)/S
 * (df S−1) and V_prompt = Σ_c w_c² var_c(column means)/n_c over strata (df Σ(n_c−1)). With the
 * 'seeds' design only V_seed counts. Falls back to S−1 when the prompt part is not estimable.
 */
export function effectiveDf(m: ScoreMatrix, strata: ArrayLike<number> | undefined, design: TwoLevelDesign): number {
  const S = m.seeds;
  const P = m.prompts;
  const rows = new Float64Array(S);
  const cols = new Float64Array(P);
  for (let s = 0; s < S; s++) {
    for (let p = 0; p < P; p++) {
      const v = m.values[s * P + p] as number;
      rows[s]! += v / P;
      cols[p]! += v / S;
    }
  }
  const variance = (xs: ArrayLike<number>, idx?: Int32Array): number => {
    const n = idx ? idx.length : xs.length;
    let mu = 0;
    for (let i = 0; i < n; i++) mu += xs[idx ? (idx[i] as number) : i] as number;
    mu /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((xs[idx ? (idx[i] as number) : i] as number) - mu) ** 2;
    return ss / (n - 1);
  };
  const vSeed = variance(rows) / S;
  if (design === 'seeds') return S - 1;
  let vPrompt = 0;
  let dfPrompt = 0;
  for (const g of strataGroups(P, strata)) {
    if (g.length < 2) continue;
    const w = g.length / P;
    vPrompt += (w * w * variance(cols, g)) / g.length;
    dfPrompt += g.length - 1;
  }
  const den = (vSeed * vSeed) / (S - 1) + (dfPrompt > 0 ? (vPrompt * vPrompt) / dfPrompt : 0);
  if (!(den > 0)) return S - 1;
  const df = ((vSeed + vPrompt) * (vSeed + vPrompt)) / den;
  return Math.max(S - 1, Math.min(df, S - 1 + dfPrompt));
}
