import type { DiscoveredCheckpoints } from '../checkpoints/discover-checkpoints.js';
import type { MlxLoraConfig } from '../plan/run-spec.js';
import type { RunStatus } from '../results/run-record.js';
import { describeExit } from './describe-exit.js';
import type { TrainerProcessResult } from './trainer-process.js';

/** A finished trainer's verdict: its final status and, when not succeeded, why. */
export interface OutcomeVerdict {
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'interrupted'>;
  failureReason: string | null;
  /** Lines added to the log excerpt (e.g. which checkpoint is broken). */
  extraExcerpt: string[];
}

/**
 * The numbered checkpoints mlx-lm must have written: every multiple of save_every up to iters
 * (mlx-lm defaults 1000/100).
 */
export function expectedCheckpointSteps(config: MlxLoraConfig): number[] {
  const iters = Number(config.iters ?? 1000);
  const every = Number(config.save_every ?? 100);
  const steps: number[] = [];
  if (!(every > 0)) return steps;
  for (let s = every; s <= iters; s += every) steps.push(s);
  return steps;
}

/**
 * Decides a run's status from its process outcome and what is on disk. A zero exit is not
 * enough: a broken (partial) checkpoint file or a missing expected checkpoint fails the run,
 * because evaluation would otherwise read garbage or silently skip a step.
 */
export function classifyOutcome(
  outcome: TrainerProcessResult,
  found: DiscoveredCheckpoints,
  expected: readonly number[],
): OutcomeVerdict {
  if (outcome.cancelled)
    return { status: 'interrupted', failureReason: 'interrupted (seedstudy was stopped)', extraExcerpt: [] };
  const broken = found.invalid.map((c) => `partial checkpoint ${c.file}: ${c.reason}`);
  if (outcome.spawnError || outcome.stalled || outcome.exitCode !== 0 || outcome.signal) {
    return { status: 'failed', failureReason: describeExit(outcome), extraExcerpt: broken };
  }
  if (broken.length > 0) return { status: 'failed', failureReason: broken[0]!, extraExcerpt: broken };
  const have = new Set(found.valid.map((c) => c.step));
  const missing = expected.filter((s) => !have.has(s));
  if (missing.length > 0) {
    const reason = `trainer exited normally but checkpoints are missing for steps ${missing.join(', ')}`;
    return { status: 'failed', failureReason: reason, extraExcerpt: [reason] };
  }
  return { status: 'succeeded', failureReason: null, extraExcerpt: [] };
}
