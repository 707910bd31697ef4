import type { Observation } from './observation.js';
import type { AnalysisResult, FailureClassJson } from './analysis-result.js';
import type { ArmSeedScores } from './seed-scores.js';
import { insufficient } from './result.js';
import { correlationForArm } from './analyze-correlation.js';
import { scanObservations, type ScanResult } from './observation-scan.js';
import { armTrajectories } from './trajectories.js';
import { checkpointsForArm } from './analyze-checkpoints.js';
import { perPromptRates } from './per-prompt.js';
import type { PerPromptJson } from './analysis-result.js';

/**
 * The checkpoint, correlation, per-prompt and failure-class sections of `analyze --json`,
 * kept out of analyze.ts so each section's assembly stays small.
 */
export type ExtraSections = Pick<AnalysisResult, 'checkpoints' | 'correlation' | 'per_prompt' | 'failure_classes'>;

/**
 * Failure-class counts per arm, seed and checkpoint, from the scan (prompt-level arms only); the policy checkpoint is
 * flagged.
 */
export function failureClasses(scan: ScanResult, arms: readonly ArmSeedScores[]): FailureClassJson[] {
  const out: FailureClassJson[] = [];
  for (const a of [...arms].sort((x, y) => (x.arm < y.arm ? -1 : 1))) {
    const bySeed = scan.failures.get(a.arm);
    if (!bySeed) continue;
    const chosen = new Map(a.perSeed.map((s) => [s.seed, s.checkpoint]));
    for (const seed of [...bySeed.keys()].sort((x, y) => x - y)) {
      const bySteps = bySeed.get(seed)!;
      for (const step of [...bySteps.keys()].sort((x, y) => x - y)) {
        const byClass = bySteps.get(step)!;
        for (const fc of [...byClass.keys()].sort()) {
          out.push({
            arm: a.arm,
            seed,
            checkpoint: step,
            failure_class: fc,
            count: byClass.get(fc)!,
            at_policy_checkpoint: chosen.get(seed) === step,
          });
        }
      }
    }
  }
  return out;
}

/** Per-prompt pass rates across seeds (insufficient for category-level arms). */
function perPrompt(a: ArmSeedScores, passThreshold: number): PerPromptJson {
  if (a.promptIds.length === 0 || a.perSeed.length === 0) {
    const why = insufficient(a.promptIds.length === 0 ? 'no per-prompt scores (category-level data)' : 'no seeds');
    return { arm: a.arm, prompts: why, flip_rate: why, vary_rate: why };
  }
  const r = perPromptRates(a, passThreshold);
  return {
    arm: a.arm,
    prompts: r.prompts.map((p) => ({
      prompt_id: p.promptId,
      category: p.category,
      mean_score: p.meanScore,
      pass_rate: p.passRate,
      pass_ci95: p.passCi,
      n_seeds: p.nSeeds,
      kind: p.status,
    })),
    flip_rate:
      a.perSeed.length >= 2 ? r.flipRate : insufficient('whether the seed decides a prompt needs at least 2 seeds'),
    vary_rate:
      a.perSeed.length >= 2 ? r.varyRate : insufficient('whether the seed decides a prompt needs at least 2 seeds'),
  };
}

/** Builds the extra sections for every arm. */
export function extraSections(
  observations: readonly Observation[],
  arms: readonly ArmSeedScores[],
  settings: { rngSeed: number; resamples: number; passThreshold: number },
): ExtraSections {
  const promptArms = arms.filter((a) => a.promptIds.length > 0);
  const scan = scanObservations(observations, promptArms);
  return {
    checkpoints: armTrajectories(observations)
      .filter((t) => promptArms.some((a) => a.arm === t.arm))
      .map((t) => checkpointsForArm(t, settings.rngSeed)),
    correlation: promptArms.map((a) => correlationForArm(a.arm, scan.points.get(a.arm) ?? [], settings.rngSeed)),
    per_prompt: arms.map((a) => perPrompt(a, settings.passThreshold)),
    failure_classes: failureClasses(scan, promptArms),
  };
}
