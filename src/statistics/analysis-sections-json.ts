import type { Interval, Maybe } from './result.js';

/**
 * JSON shapes of the secondary sections of `analyze --json` (checkpoints, correlation, per prompt,
 * failure classes, power); re-exported by analysis-result.ts, split out only to keep files short.
 */

/** Checkpoint selection per arm (prompt-level arms). */
export interface CheckpointsJson {
  arm: string;
  per_seed: {
    seed: number;
    final: { step: number; score: number };
    best_val: Maybe<{ step: number; score: number; val_loss: number }>;
    oracle: { step: number; score: number };
    /** oracle − best-val score. */
    regret: Maybe<number>;
  }[];
  /** Means over seeds with t intervals. */
  mean_final: Maybe<{ mean: number; ci95: Maybe<Interval> }>;
  mean_best_val: Maybe<{ mean: number; ci95: Maybe<Interval> }>;
  mean_oracle: Maybe<{ mean: number; ci95: Maybe<Interval> }>;
  /** Share of seeds whose val-selected checkpoint scores as well as the oracle. */
  val_matches_oracle_rate: Maybe<number>;
  /** Oracle mean minus the cross-fitted (choose on half the prompts, score on the other) mean. */
  optimism: Maybe<{ oracle: number; cross_fitted: number; optimism: number; ci95: Maybe<Interval>; splits: number }>;
  /** Per checkpoint step: mean score over seeds with a t band and the min/max over seeds. */
  trajectory: { step: number; n_seeds: number; mean: number; ci95: Maybe<Interval>; min: number; max: number }[];
  /** SD of each seed's score over its last 3 checkpoints, averaged over seeds. */
  checkpoint_jitter: Maybe<number>;
}

/** Val loss vs eval score over (seed, checkpoint). Pooled numbers mix within- and between-seed association. */
export interface CorrelationJson {
  arm: string;
  /** (seed, checkpoint) points with a val loss. */
  n_points: number;
  n_seeds: number;
  /** Pooled over all points (naive p: checkpoints are autocorrelated). */
  pearson: Maybe<{ r: number; p: number; ci95: Maybe<Interval> }>;
  spearman: Maybe<{ rho: number; p: number; ci95: Maybe<Interval> }>;
  /** Repeated-measures correlation (within-seed association), with a whole-seed bootstrap CI. */
  rmcorr: Maybe<{ r: number; df: number; p: number; ci95: Maybe<Interval>; ci95_seed_bootstrap: Maybe<Interval> }>;
  /** Median over seeds of the within-seed Spearman correlation. */
  within_seed_spearman_median: Maybe<number>;
}

/** Per-prompt behaviour across seeds at the policy checkpoint. */
export interface PerPromptJson {
  arm: string;
  prompts: Maybe<
    {
      prompt_id: string;
      category: string;
      mean_score: number;
      pass_rate: number;
      pass_ci95: Maybe<Interval>;
      n_seeds: number;
      /** always: every seed passes; never: none; seed-dependent: the seed decides. */
      kind: 'always' | 'never' | 'seed-dependent';
    }[]
  >;
  /** Fraction of prompts whose pass/fail the seed decides. */
  flip_rate: Maybe<number>;
  /** Fraction of prompts whose score (any level) differs between seeds. */
  vary_rate: Maybe<number>;
}

/** Failure-class counts per arm, seed and checkpoint. */
export interface FailureClassJson {
  arm: string;
  seed: number;
  checkpoint: number;
  failure_class: string;
  count: number;
  /** True for the checkpoint the policy chose for this seed (the headline numbers' checkpoint). */
  at_policy_checkpoint: boolean;
}

/** Seeds needed per arm, from an arm's between-seed sd. */
export interface PowerJson {
  arm: string;
  sd_between_seeds: Maybe<number>;
  n_seeds: number;
  alpha: number;
  power: number;
  /** Smallest true difference detectable with the current n per arm. */
  detectable_difference: Maybe<number>;
  /** Seeds per arm to detect Δ (scores as fractions). */
  curve: { delta: number; seeds_per_arm: Maybe<number> }[];
}
