import type { Observation } from './observation.js';
import type { AnalysisResult, FailureClassJson } from './analysis-result.js';
import type { ArmSeedScores } from './seed-scores.js';
import { insufficient } from './result.js';
import { correlationForArm } from './analyze-correlation.js';
import { scanObservations, type ScanResult } from './observation-scan.js';

/**
 * The checkpoint, correlation, per-prompt and failure-class sections of `analyze --json`,
 * kept out of analyze.ts so each section's assembly stays small.
 */
export type ExtraSections = Pick<AnalysisResult, 'checkpoints' | 'correlation' | 'per_prompt' | 'failure_classes'>;

/** Failure-class counts per arm, seed and policy checkpoint, from the scan (prompt-level arms only). */
export function failureClasses(scan: ScanResult, arms: readonly ArmSeedScores[]): FailureClassJson[] {
  const out: FailureClassJson[] = [];
  for (const a of [...arms].sort((x, y) => (x.arm < y.arm ? -1 : 1))) {
    const bySeed = scan.failures.get(a.arm);
    if (!bySeed) continue;
    for (const s of a.perSeed) {
      const byClass = bySeed.get(s.seed);
      if (!byClass) continue;
      for (const fc of [...byClass.keys()].sort()) out.push({ arm: a.arm, seed: s.seed, checkpoint: s.checkpoint, failure_class: fc, count: byClass.get(fc)! });
    }
  }
  return out;
}

/** Builds the extra sections for every arm. */
export function extraSections(observations: readonly Observation[], arms: readonly ArmSeedScores[], settings: { rngSeed: number; resamples: number; passThreshold: number }): ExtraSections {
  const pending = insufficient('not computed yet');
  const promptArms = arms.filter((a) => a.promptIds.length > 0);
  const scan = scanObservations(observations, promptArms);
  return {
    checkpoints: [],
    correlation: promptArms.map((a) => correlationForArm(a.arm, scan.points.get(a.arm) ?? [], settings.rngSeed)),
    per_prompt: arms.map((a) => ({ arm: a.arm, prompts: pending, flip_rate: pending })),
    failure_classes: failureClasses(scan, promptArms),
  };
}
