/**
 * Bootstrap intervals for the variance components and their shares (docs/references.md §7).
 *
 * Why: a σ²_seed estimated from 5 seeds is itself very uncertain; a share reported without an
 * interval invites over-reading. Each replicate draws seeds and (category-stratified) prompts once,
 * as the crossed two-way bootstrap does, materialises that submatrix and re-runs the ANOVA.
 * Percentile intervals; with few seeds they are rough and labelled as such by the caller.
 */
import { percentileFromReplicates } from './bootstrap.js';
import { DEFAULT_LEVEL, insufficient, isInsufficient, type Interval, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';
import { strataGroups, type ScoreMatrix } from './score-matrix.js';
import { varianceComponents } from './variance-components.js';

/** Percentile intervals of each component and share. */
export interface VarianceComponentIntervals {
  readonly resamples: number;
  readonly seed: Maybe<Interval>;
  readonly prompt: Maybe<Interval>;
  readonly residual: Maybe<Interval>;
  readonly shareSeed: Maybe<Interval>;
  readonly sharePrompt: Maybe<Interval>;
  readonly shareResidual: Maybe<Interval>;
}

/** Two-way bootstrap of the ANOVA components (default 1,000 resamples). Needs S ≥ 3 and P ≥ 2. */
export function varianceComponentsBootstrap(
  m: ScoreMatrix,
  options: { random: RandomSource; resamples?: number; level?: number; strata?: ArrayLike<number> },
): Maybe<VarianceComponentIntervals> {
  const S = m.seeds;
  const P = m.prompts;
  if (S < 3) return insufficient(`intervals for variance components need at least 3 seeds, got ${S}`);
  if (P < 2) return insufficient(`variance components need at least 2 prompts, got ${P}`);
  const point = varianceComponents(m);
  if (isInsufficient(point)) return point;
  const B = options.resamples ?? 1000;
  const level = options.level ?? DEFAULT_LEVEL;
  const random = options.random;
  const groups = strataGroups(P, options.strata);
  const rows = new Int32Array(S);
  const cols = new Int32Array(P);
  const sub: ScoreMatrix = { seeds: S, prompts: P, values: new Float64Array(S * P) };
  const reps = Array.from({ length: 6 }, () => new Float64Array(B));
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < S; i++) rows[i] = Math.floor(random() * S);
    let k = 0;
    for (const g of groups) for (let j = 0; j < g.length; j++) cols[k++] = g[Math.floor(random() * g.length)] as number;
    for (let i = 0; i < S; i++) {
      const src = (rows[i] as number) * P;
      const dst = i * P;
      for (let j = 0; j < P; j++) sub.values[dst + j] = m.values[src + (cols[j] as number)] as number;
    }
    const c = varianceComponents(sub);
    if (isInsufficient(c)) return c;
    reps[0]![b] = c.seed;
    reps[1]![b] = c.prompt;
    reps[2]![b] = c.residual;
    reps[3]![b] = c.shares.seed;
    reps[4]![b] = c.shares.prompt;
    reps[5]![b] = c.shares.interaction + c.shares.generation;
  }
  const est = [
    point.seed,
    point.prompt,
    point.residual,
    point.shares.seed,
    point.shares.prompt,
    point.shares.interaction + point.shares.generation,
  ];
  const ivs = reps.map((r, i) => {
    const iv = percentileFromReplicates(r, est[i] as number, level);
    return isInsufficient(iv)
      ? iv
      : { low: iv.low, high: iv.high, method: 'two-way-bootstrap-percentile', level: iv.level };
  });
  return {
    resamples: B,
    seed: ivs[0]!,
    prompt: ivs[1]!,
    residual: ivs[2]!,
    shareSeed: ivs[3]!,
    sharePrompt: ivs[4]!,
    shareResidual: ivs[5]!,
  };
}
