/**
 * Seed-level summaries of checkpoint behaviour: the three selection policies side by side, the
 * regret of val-loss selection, and score-vs-step with a band over seeds.
 *
 * Why: per-seed picks only become evidence when aggregated over seeds with intervals (the seed is
 * the unit); checkpoints within a seed are autocorrelated and are never pooled as independent.
 */
import { selectForSeed, type SeedSelection } from './checkpoint-selection.js';
import { isInsufficient, type Maybe } from './result.js';
import { tIntervalMean, type TInterval } from './t-interval.js';
import type { SeedTrajectory } from './trajectories.js';

/** Mean over seeds with its t interval. */
export interface SeedMean {
  readonly n: number;
  readonly mean: number | null;
  readonly ci: Maybe<TInterval>;
}

function seedMean(xs: readonly number[], level?: number): SeedMean {
  return {
    n: xs.length,
    mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null,
    ci: tIntervalMean(xs, level),
  };
}

/** Final vs val-selected vs oracle over seeds. */
export interface SelectionSummary {
  readonly perSeed: readonly SeedSelection[];
  readonly final: SeedMean;
  readonly bestVal: SeedMean;
  readonly oracle: SeedMean;
  /** oracle − val-selected, over seeds that recorded val loss. */
  readonly regret: SeedMean;
  /** Share of seeds whose val-selected checkpoint scores as well as the oracle (null without val loss). */
  readonly valMatchesOracleRate: number | null;
}

/** Aggregates {@link selectForSeed} over seeds. */
export function selectionSummary(seeds: readonly SeedTrajectory[], level?: number): SelectionSummary {
  const perSeed = seeds.map(selectForSeed).filter((s): s is SeedSelection => !isInsufficient(s));
  const withVal = perSeed.filter((s) => s.bestVal !== null);
  return {
    perSeed,
    final: seedMean(
      perSeed.map((s) => s.final.score),
      level,
    ),
    bestVal: seedMean(
      withVal.map((s) => s.bestVal!.score),
      level,
    ),
    oracle: seedMean(
      perSeed.map((s) => s.oracle.score),
      level,
    ),
    regret: seedMean(
      withVal.map((s) => s.regret as number),
      level,
    ),
    valMatchesOracleRate: withVal.length ? withVal.filter((s) => s.valMatchesOracle).length / withVal.length : null,
  };
}

/** One step of the score-vs-step band. */
export interface StepBand {
  readonly step: number;
  readonly n: number;
  readonly mean: number;
  /** t interval over the seeds that have this step (Insufficient with < 2 seeds or no spread). */
  readonly ci: Maybe<TInterval>;
  readonly min: number;
  readonly max: number;
}

/** Mean score per step over seeds with a t band, for every step any seed evaluated (ascending). */
export function scoreVsStep(seeds: readonly SeedTrajectory[], level?: number): StepBand[] {
  const byStep = new Map<number, number[]>();
  for (const t of seeds) {
    t.steps.forEach((step, c) => {
      const list = byStep.get(step);
      if (list) list.push(t.means[c] as number);
      else byStep.set(step, [t.means[c] as number]);
    });
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, xs]) => ({
      step,
      n: xs.length,
      mean: xs.reduce((a, b) => a + b, 0) / xs.length,
      ci: tIntervalMean(xs, level),
      min: Math.min(...xs),
      max: Math.max(...xs),
    }));
}

/**
 * Checkpoint jitter: SD of a seed's mean score over its last `k` checkpoints, averaged over seeds
 * (docs/references.md §16). If it is comparable to the between-seed SD, the policy matters as much as the seed.
 */
export function checkpointJitter(seeds: readonly SeedTrajectory[], k = 3): Maybe<number> {
  const sds: number[] = [];
  for (const t of seeds) {
    const tail = t.means.slice(-k);
    if (tail.length < 2) continue;
    const m = tail.reduce((a, b) => a + b, 0) / tail.length;
    sds.push(Math.sqrt(tail.reduce((a, b) => a + (b - m) ** 2, 0) / (tail.length - 1)));
  }
  if (sds.length === 0) return { status: 'insufficient', reason: `no seed has ${Math.min(k, 2)} or more checkpoints` };
  return sds.reduce((a, b) => a + b, 0) / sds.length;
}
