/**
 * Within-seed association of val loss and eval score: per-seed correlations with their median,
 * repeated-measures correlation (rmcorr) and a whole-seed bootstrap CI.
 *
 * Why: checkpoints of one seed are autocorrelated and seeds differ in level, so pooled correlations
 * mislead (Simpson). rmcorr (Bakdash & Marusich) centres both variables within seed, df = N − S − 1,
 * CI by Fisher z with effective n = df + 2 (rmcorr ≥ 0.5.4). The whole-seed bootstrap resamples
 * seeds with their checkpoint series intact, so its CI respects the clustering (docs/references.md §15).
 */
import { percentileFromReplicates } from './bootstrap.js';
import { fisherInterval, pearson, rawPearson, spearman, tTestP, type CorrelationEstimate } from './correlation.js';
import { assertLevel, DEFAULT_LEVEL, insufficient, isInsufficient, type Interval, type Maybe } from './result.js';
import type { RandomSource } from './rng.js';

/** One (seed, checkpoint) observation: x = val loss, y = eval score (or any two measures). */
export interface PairedPoint {
  readonly seed: number;
  readonly x: number;
  readonly y: number;
}

/** Points grouped by seed (ascending seed). */
export function groupBySeed(points: readonly PairedPoint[]): Array<{ seed: number; x: number[]; y: number[] }> {
  const m = new Map<number, { seed: number; x: number[]; y: number[] }>();
  for (const p of points) {
    let g = m.get(p.seed);
    if (!g) m.set(p.seed, (g = { seed: p.seed, x: [], y: [] }));
    g.x.push(p.x);
    g.y.push(p.y);
  }
  return [...m.values()].sort((a, b) => a.seed - b.seed);
}

/** Repeated-measures correlation: within-seed centring, df = N − S − 1, CI Fisher z with n = df + 2. */
export function rmcorr(points: readonly PairedPoint[], level: number = DEFAULT_LEVEL): Maybe<CorrelationEstimate> {
  assertLevel(level);
  const groups = groupBySeed(points);
  const N = points.length;
  const S = groups.length;
  const df = N - S - 1;
  if (S < 1 || df < 1) return insufficient(`rmcorr needs more points than seeds + 1 (N = ${N}, S = ${S})`);
  const cx: number[] = [];
  const cy: number[] = [];
  for (const g of groups) {
    const mx = g.x.reduce((t, v) => t + v, 0) / g.x.length;
    const my = g.y.reduce((t, v) => t + v, 0) / g.y.length;
    g.x.forEach((v, i) => {
      cx.push(v - mx);
      cy.push((g.y[i] as number) - my);
    });
  }
  const r = rawPearson(cx, cy);
  if (isInsufficient(r)) return insufficient('no within-seed variation in one of the variables');
  return {
    method: 'rmcorr',
    r,
    n: N,
    df,
    p: tTestP(r, df),
    pMethod: 't',
    ci: fisherInterval(r, 1 / Math.sqrt(df - 1), level, 'fisher-z'),
  };
}

/** Per-seed correlations (Spearman or Pearson) and their median: the within-seed trajectory view. */
export function withinSeedCorrelations(
  points: readonly PairedPoint[],
  method: 'pearson' | 'spearman' = 'spearman',
): { perSeed: Array<{ seed: number; n: number; r: Maybe<number> }>; median: Maybe<number> } {
  const perSeed = groupBySeed(points).map((g) => {
    const est = method === 'pearson' ? pearson(g.x, g.y) : spearman(g.x, g.y);
    return { seed: g.seed, n: g.x.length, r: isInsufficient(est) ? est : est.r };
  });
  const rs = perSeed
    .map((s) => s.r)
    .filter((r): r is number => typeof r === 'number')
    .sort((a, b) => a - b);
  const k = rs.length;
  const median =
    k === 0
      ? insufficient('no seed has enough varying checkpoints for a correlation')
      : k % 2
        ? (rs[(k - 1) / 2] as number)
        : ((rs[k / 2 - 1] as number) + (rs[k / 2] as number)) / 2;
  return { perSeed, median };
}

/**
 * Whole-seed bootstrap percentile CI of any correlation statistic of the points: resample seeds with
 * replacement, keep each seed's checkpoint series intact. Needs ≥ 3 seeds.
 */
export function seedBootstrapCorrelation(
  points: readonly PairedPoint[],
  statistic: (pts: readonly PairedPoint[]) => Maybe<number>,
  options: { random: RandomSource; resamples?: number; level?: number },
): Maybe<Interval> {
  const groups = groupBySeed(points);
  const S = groups.length;
  if (S < 3) return insufficient(`a whole-seed bootstrap needs at least 3 seeds, got ${S}`);
  const est = statistic(points);
  if (isInsufficient(est)) return est;
  const B = options.resamples ?? 2000;
  const reps: number[] = [];
  for (let b = 0; b < B; b++) {
    const pts: PairedPoint[] = [];
    for (let i = 0; i < S; i++) {
      const g = groups[Math.floor(options.random() * S)]!;
      // relabel: a seed drawn twice is two clusters
      g.x.forEach((x, j) => pts.push({ seed: i, x, y: g.y[j] as number }));
    }
    const r = statistic(pts);
    if (!isInsufficient(r)) reps.push(r);
  }
  if (reps.length < B / 2) return insufficient('most bootstrap resamples had no variation');
  const iv = percentileFromReplicates(Float64Array.from(reps), est, options.level ?? DEFAULT_LEVEL);
  return isInsufficient(iv) ? iv : { low: iv.low, high: iv.high, method: 'seed-bootstrap-percentile', level: iv.level };
}
