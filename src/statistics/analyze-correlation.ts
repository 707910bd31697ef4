import type { CorrelationJson } from './analysis-result.js';
import { pearson, spearman } from './correlation.js';
import { groupBySeed, rmcorr, withinSeedCorrelations, type PairedPoint } from './within-seed-correlation.js';
import { percentileFromReplicates } from './bootstrap.js';
import type { Interval } from './result.js';
import { insufficient, isInsufficient, type Maybe } from './result.js';
import { seededRandom } from './rng.js';

/**
 * The `correlation[]` section: does val loss track the eval score? One point per (seed,
 * checkpoint) with a val loss; y is the checkpoint's mean over the arm's common prompts. The
 * within-seed numbers (rmcorr, per-seed Spearman) are the ones to read; pooled ones are context.
 */
const BOOTSTRAP = 2000;

/**
 * Whole-seed bootstrap CI of rmcorr from per-seed sufficient statistics (within-seed centred
 * Sxx, Syy, Sxy), so a resample costs O(seeds) instead of O(points): the same draws, replicates
 * and interval as `seedBootstrapCorrelation(points, rmcorr)`, fast enough for 100 seeds × 40
 * checkpoints × 10,000 resamples.
 */
export function rmcorrSeedBootstrap(
  points: readonly PairedPoint[],
  estimate: number,
  options: { random: () => number; resamples: number; level?: number },
): Maybe<Interval> {
  const groups = groupBySeed(points);
  const S = groups.length;
  if (S < 3) return insufficient(`a whole-seed bootstrap needs at least 3 seeds, got ${S}`);
  const sxx = new Float64Array(S);
  const syy = new Float64Array(S);
  const sxy = new Float64Array(S);
  const n = new Float64Array(S);
  groups.forEach((g, i) => {
    const mx = g.x.reduce((t, v) => t + v, 0) / g.x.length;
    const my = g.y.reduce((t, v) => t + v, 0) / g.y.length;
    g.x.forEach((x, j) => {
      sxx[i] = sxx[i]! + (x - mx) ** 2;
      syy[i] = syy[i]! + (g.y[j]! - my) ** 2;
      sxy[i] = sxy[i]! + (x - mx) * (g.y[j]! - my);
    });
    n[i] = g.x.length;
  });
  const reps: number[] = [];
  for (let b = 0; b < options.resamples; b++) {
    let a = 0;
    let c = 0;
    let d = 0;
    let N = 0;
    for (let k = 0; k < S; k++) {
      const i = Math.floor(options.random() * S);
      a += sxx[i]!;
      c += syy[i]!;
      d += sxy[i]!;
      N += n[i]!;
    }
    if (N - S - 1 >= 1 && a > 0 && c > 0) reps.push(d / Math.sqrt(a * c));
  }
  if (reps.length < options.resamples / 2) return insufficient('most bootstrap resamples had no variation');
  const iv = percentileFromReplicates(Float64Array.from(reps), estimate, options.level ?? 0.95);
  return isInsufficient(iv) ? iv : { low: iv.low, high: iv.high, method: 'seed-bootstrap-percentile', level: iv.level };
}

/** Correlation of val loss and eval score for one prompt-level arm. */
export function correlationForArm(arm: string, pts: readonly PairedPoint[], rngSeed: number): CorrelationJson {
  const x = pts.map((p) => p.x);
  const y = pts.map((p) => p.y);
  const none = insufficient('no checkpoint has a recorded val loss');
  const p = pts.length ? pearson(x, y) : none;
  const s = pts.length ? spearman(x, y) : none;
  const rm = pts.length ? rmcorr(pts) : none;
  return {
    arm,
    n_points: pts.length,
    n_seeds: new Set(pts.map((q) => q.seed)).size,
    pearson: isInsufficient(p) ? p : { r: p.r, p: p.p, ci95: p.ci },
    spearman: isInsufficient(s) ? s : { rho: s.r, p: s.p, ci95: s.ci },
    rmcorr: isInsufficient(rm)
      ? rm
      : {
          r: rm.r,
          df: rm.df,
          p: rm.p,
          ci95: rm.ci,
          ci95_seed_bootstrap: rmcorrSeedBootstrap(pts, rm.r, {
            random: seededRandom(rngSeed ^ 0x2545f491),
            resamples: BOOTSTRAP,
          }),
        },
    within_seed_spearman_median: pts.length ? withinSeedCorrelations(pts, 'spearman').median : none,
  };
}
