import type { TrainEvent } from '../launch/events.js';
import type { SlurmEvent } from '../launch/slurm/slurm-events.js';
import type { Plan, RunSpec } from '../plan/run-spec.js';
import type { SequentialLook } from '../results/sequential-record.js';
import { UserError } from '../errors/user-error.js';
import type { CompareDesignSettings } from '../study/sequential-schema.js';
import type { Study } from '../study/study.js';
import type { EvalStudySummary } from './eval-study.js';
import { localSweep } from './local-sweep.js';
import { sequentialOutcome, type SequentialOutcome } from './sequential-outcome.js';
import { appendLook, lockedDesign } from './sequential-lock.js';
import { lookRuns, takeCompareLook } from './sequential-look.js';
import { planSequential } from './sequential-plan.js';
import { runSlurmSweep } from './slurm-sweep.js';
import { acquireStudyLock } from './study-lock.js';
import type { TrainSummary } from './train-study.js';

/** What the look-by-look runner tells `seedstudy run` (forwarded as RunStudyEvents). */
export type LooksEvent =
  | { type: 'redesigned'; from: string; to: string; looksTaken: number }
  | { type: 'look-start'; look: number; looks: number; seedsPerArm: number; runs: number }
  | { type: 'look'; look: SequentialLook; looks: number }
  | { type: 'train'; event: TrainEvent }
  | { type: 'slurm'; event: SlurmEvent }
  | { type: 'eval-progress'; message: string }
  | { type: 'trained'; summary: TrainSummary; interrupted: boolean }
  | { type: 'rest' };

/** Options of the look-by-look runner (those of `seedstudy run` that matter here). */
export interface RunLooksOptions {
  forceRedesign?: boolean | undefined;
  concurrency?: number | undefined;
  python?: string | undefined;
  detach?: boolean | undefined;
  signal?: AbortSignal | undefined;
  emit: (event: LooksEvent) => void;
}

/** How the looks ended. */
export interface RunLooksResult {
  outcome: 'stopped' | 'interrupted' | 'detached';
  interruptedIn?: 'train' | 'slurm' | 'eval';
  sequential?: SequentialOutcome;
  train?: TrainSummary;
  eval?: EvalStudySummary;
  /** Seeds of the stopping look whose run failed. */
  failedRuns: number;
}

/** A look stops the study when it decides so, or when it was the last one planned. */
function stops(look: SequentialLook, looks: number): boolean {
  return look.decision.startsWith('stop') || look.look >= looks;
}

/**
 * `seedstudy run` for a study with a `sequential:` block: look by look, train the runs of the first
 * n_k seeds of the compared arms and evaluate their decision checkpoints (locally through the
 * overlapped sweep restricted to those runs; on Slurm one array per look), take the look from their
 * per-seed scores, append it to sequential.json, and stop or go on. After the stop, the remaining
 * checkpoints of the runs used are evaluated (trajectories); no seed beyond the stopping look is
 * trained. The design is locked at the first look (sequential-lock.ts). A kill anywhere resumes the
 * look in progress: only completed looks are recorded, and trained or evaluated runs are skipped.
 */
export async function runLooks(study: Study, plan: Plan, options: RunLooksOptions): Promise<RunLooksResult> {
  const design = study.sequential!;
  if (design.question !== 'compare')
    throw new UserError('`seedstudy run` does not take reproduce looks yet', {
      file: study.file,
      keyPath: 'sequential.question',
      fix: 'use question: compare, or remove the `sequential:` block to train every seed (then `seedstudy reproduce`)',
    });
  const planned = planSequential(study)!;
  const fixedSeeds = planned.question === 'compare' ? (planned.plan.effect?.fixedSeedsPerArm ?? null) : null;
  if (study.executor.kind === 'slurm') return slurmLooks(study, plan, design, planned.designHash, fixedSeeds, options);
  const lock = await acquireStudyLock(study.outputDir, 'seedstudy run');
  try {
    const locked = await lockedDesign(study, planned.designHash, fixedSeeds, Boolean(options.forceRedesign));
    let record = locked.record;
    if (locked.redesigned) {
      const r = record.redesigns[record.redesigns.length - 1]!;
      options.emit({ type: 'redesigned', from: r.from, to: r.to, looksTaken: record.looks.length });
    }
    const K = design.looks.length;
    let train: TrainSummary | undefined;
    while (record.looks.length === 0 || !stops(record.looks[record.looks.length - 1]!, K)) {
      const k = record.looks.length + 1;
      const runs = lookRuns(study, plan.runs, design.arms, design.looks[k - 1]!);
      options.emit({ type: 'look-start', look: k, looks: K, seedsPerArm: design.looks[k - 1]!, runs: runs.length });
      const sweep = await localSweep(study, plan, {
        runs,
        decisionOnly: true,
        concurrency: options.concurrency,
        python: options.python,
        signal: options.signal,
        onTrainEvent: (event) => options.emit({ type: 'train', event }),
        onEvalProgress: (message) => options.emit({ type: 'eval-progress', message }),
        onTrained: (summary, interrupted) => options.emit({ type: 'trained', summary, interrupted }),
      });
      train = sweep.train;
      if (sweep.interrupted) return { outcome: 'interrupted', interruptedIn: 'train', train, failedRuns: 0 };
      if (options.signal?.aborted) return { outcome: 'interrupted', interruptedIn: 'eval', train, failedRuns: 0 };
      const look = await takeCompareLook(study, design, record, runs, k);
      record = await appendLook(study.outputDir, record, look);
      options.emit({ type: 'look', look, looks: K });
    }
    const last = record.looks[record.looks.length - 1]!;
    options.emit({ type: 'rest' });
    const used = usedRuns(plan.runs, last);
    const rest = await localSweep(study, plan, {
      runs: used,
      concurrency: options.concurrency,
      python: options.python,
      signal: options.signal,
      onEvalProgress: (message) => options.emit({ type: 'eval-progress', message }),
    });
    if (rest.interrupted || options.signal?.aborted)
      return { outcome: 'interrupted', interruptedIn: 'eval', train: train ?? rest.train, failedRuns: 0 };
    return {
      outcome: 'stopped',
      sequential: sequentialOutcome(record, design),
      train: train ?? rest.train,
      ...(rest.eval && { eval: rest.eval }),
      failedRuns: failedCount(last),
    };
  } finally {
    await lock.release();
  }
}

/** The runs a look used (the seeds that finished), for the trajectories after the stop. */
function usedRuns(runs: readonly RunSpec[], look: SequentialLook): RunSpec[] {
  return runs.filter((r) => look.seeds[r.arm]?.includes(r.seed));
}

function failedCount(look: SequentialLook): number {
  return Object.values(look.failedSeeds).reduce((n, s) => n + s.length, 0);
}

/** The looks on Slurm: one array per look (each task trains and evaluates its run). */
async function slurmLooks(
  study: Study,
  plan: Plan,
  design: CompareDesignSettings,
  designHash: string,
  fixedSeeds: number | null,
  options: RunLooksOptions,
): Promise<RunLooksResult> {
  const locked = await lockedDesign(study, designHash, fixedSeeds, Boolean(options.forceRedesign));
  let record = locked.record;
  const K = design.looks.length;
  while (record.looks.length === 0 || !stops(record.looks[record.looks.length - 1]!, K)) {
    const k = record.looks.length + 1;
    const runs = lookRuns(study, plan.runs, design.arms, design.looks[k - 1]!);
    options.emit({ type: 'look-start', look: k, looks: K, seedsPerArm: design.looks[k - 1]!, runs: runs.length });
    const sweep = await runSlurmSweep(study, {
      evaluate: true,
      detach: Boolean(options.detach),
      command: 'seedstudy run',
      signal: options.signal,
      runIds: runs.map((r) => r.runId),
      onEvent: (event) => options.emit({ type: 'slurm', event }),
    });
    if (sweep.detached) return { outcome: 'detached', failedRuns: 0 };
    if (sweep.exitCode === 130 || options.signal?.aborted)
      return { outcome: 'interrupted', interruptedIn: 'slurm', failedRuns: 0 };
    const look = await takeCompareLook(study, design, record, runs, k);
    record = await appendLook(study.outputDir, record, look);
    options.emit({ type: 'look', look, looks: K });
  }
  const last = record.looks[record.looks.length - 1]!;
  return { outcome: 'stopped', sequential: sequentialOutcome(record, design), failedRuns: failedCount(last) };
}
