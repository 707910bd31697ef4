import type { Observation } from './observation.js';
import type { AnalysisResult, FailureClassJson } from './analysis-result.js';
import type { ArmSeedScores } from './seed-scores.js';
import { insufficient } from './result.js';

/**
 * The checkpoint, correlation, per-prompt and failure-class sections of `analyze --json`,
 * kept out of analyze.ts so each section's assembly stays small.
 */
export type ExtraSections = Pick<AnalysisResult, 'checkpoints' | 'correlation' | 'per_prompt' | 'failure_classes'>;

/** Failure-class counts per arm, seed and policy checkpoint (prompt-level arms only). */
export function failureClasses(observations: readonly Observation[], arms: readonly ArmSeedScores[]): FailureClassJson[] {
  const chosen = new Map<string, number>();
  for (const a of arms) for (const s of a.perSeed) chosen.set(`${a.arm}\u0000${s.seed}`, s.checkpoint);
  const counts = new Map<string, FailureClassJson>();
  for (const o of observations) {
    if (o.failureClass === undefined || chosen.get(`${o.arm}\u0000${o.seed}`) !== o.checkpoint) continue;
    const key = `${o.arm}\u0000${o.seed}\u0000${o.failureClass}`;
    const e = counts.get(key) ?? { arm: o.arm, seed: o.seed, checkpoint: o.checkpoint, failure_class: o.failureClass, count: 0 };
    e.count++;
    counts.set(key, e);
  }
  return [...counts.values()].sort((a, b) => (a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : a.seed - b.seed || (a.failure_class < b.failure_class ? -1 : 1)));
}

/** Builds the extra sections for every arm. */
export function extraSections(observations: readonly Observation[], arms: readonly ArmSeedScores[], _settings: { rngSeed: number; resamples: number; passThreshold: number }): ExtraSections {
  const pending = insufficient('not computed yet');
  return {
    checkpoints: [],
    correlation: arms.map((a) => ({ arm: a.arm, n_points: 0, pearson: pending, spearman: pending, within_seed_spearman_median: pending })),
    per_prompt: arms.map((a) => ({ arm: a.arm, prompts: pending, flip_rate: pending })),
    failure_classes: failureClasses(observations, arms),
  };
}
