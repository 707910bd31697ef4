import type { CheckpointsJson } from './analysis-result.js';
import type { ArmTrajectories } from './trajectories.js';
import { selectionSummary, scoreVsStep, checkpointJitter, type SeedMean } from './checkpoint-summary.js';
import { selectionOptimism } from './checkpoint-selection.js';
import { insufficient, isInsufficient, type Interval, type Maybe } from './result.js';
import { seededRandom } from './rng.js';

/**
 * The `checkpoints[]` section: final vs best-val vs oracle per seed, the optimism of picking the
 * best checkpoint by eval (cross-fitted), and score vs step with a band over seeds. The number of
 * cross-fitting splits shrinks with the data (200 for a pilot, fewer for 100 seeds × 40
 * checkpoints × 500 prompts) so the analysis keeps its time budget; the estimate is an average
 * over splits, so fewer splits add a little Monte Carlo noise, not bias.
 */
const CELL_BUDGET = 5e7;

const iv = (x: Maybe<Interval>): Maybe<Interval> =>
  isInsufficient(x) ? x : { low: x.low, high: x.high, method: x.method, level: x.level };

function seedMean(m: SeedMean, what: string): CheckpointsJson['mean_final'] {
  return m.mean === null ? insufficient(`no seed has a ${what} checkpoint`) : { mean: m.mean, ci95: iv(m.ci) };
}

/** Checkpoint selection for one arm's trajectories. */
export function checkpointsForArm(t: ArmTrajectories, rngSeed: number): CheckpointsJson {
  const sel = selectionSummary(t.seeds);
  const cells = t.seeds.reduce((s, x) => s + x.steps.length, 0) * t.promptIds.length;
  const splits = Math.max(20, Math.min(200, Math.floor(CELL_BUDGET / Math.max(1, cells))));
  const opt = selectionOptimism(t.seeds, t.strata, { random: seededRandom(rngSeed ^ 0x68e31da4), splits });
  return {
    arm: t.arm,
    per_seed: sel.perSeed.map((s) => ({
      seed: s.seed,
      final: s.final,
      best_val: s.bestVal
        ? { step: s.bestVal.step, score: s.bestVal.score, val_loss: s.bestVal.valLoss }
        : insufficient('no val loss recorded'),
      oracle: s.oracle,
      regret: s.regret ?? insufficient('no val loss recorded'),
    })),
    mean_final: seedMean(sel.final, 'final'),
    mean_best_val: seedMean(sel.bestVal, 'val-selected'),
    mean_oracle: seedMean(sel.oracle, 'oracle'),
    val_matches_oracle_rate: sel.valMatchesOracleRate ?? insufficient('no val loss recorded'),
    optimism: isInsufficient(opt)
      ? opt
      : {
          oracle: opt.perSeed.reduce((a, s) => a + s.oracle, 0) / opt.perSeed.length,
          cross_fitted: opt.perSeed.reduce((a, s) => a + s.crossFitted, 0) / opt.perSeed.length,
          optimism: opt.meanOptimism,
          ci95: iv(opt.ci),
          splits: opt.splits,
        },
    trajectory: scoreVsStep(t.seeds).map((b) => ({
      step: b.step,
      n_seeds: b.n,
      mean: b.mean,
      ci95: iv(b.ci),
      min: b.min,
      max: b.max,
    })),
    checkpoint_jitter: checkpointJitter(t.seeds),
  };
}
