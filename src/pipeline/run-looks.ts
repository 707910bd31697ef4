import type { TrainEvent } from '../launch/events.js';
import type { SlurmEvent } from '../launch/slurm/slurm-events.js';
import type { Plan, RunSpec } from '../plan/run-spec.js';
import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import type { Study } from '../study/study.js';
import type { EvalStudySummary } from './eval-study.js';
import { localSweep } from './local-sweep.js';
import { sequentialOutcome, type SequentialOutcome } from './sequential-outcome.js';
import { appendLook, lockedDesign } from './sequential-lock.js';
import { finishedRuns, reproduceArm, takeReproduceLook } from './sequential-reproduce-look.js';
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
  const planned = planSequential(study)!;
  const fixedSeeds =
    planned.question === 'compare' ? (planned.plan.effect?.fixedSeedsPerArm ?? null) : planned.plan.maxRuns;
  const slurm = study.executor.kind === 'slurm';
  // Slurm: runSlurmSweep takes the study lock per look; locally one lock covers every look.
  const lock = slurm ? undefined : await acquireStudyLock(study.outputDir, 'seedstudy run');
  try {
    const locked = await lockedDesign(study, planned.designHash, fixedSeeds, Boolean(options.forceRedesign));
    let record = locked.record;
    if (locked.redesigned) {
      const r = record.redesigns[record.redesigns.length - 1]!;
      options.emit({ type: 'redesigned', from: r.from, to: r.to, looksTaken: record.looks.length });
    }
    const K = design.looks.length;
    const state: { train?: TrainSummary } = {};
    const sweep = (runs: readonly RunSpec[]) =>
      slurm ? slurmLookSweep(study, runs, options) : localLookSweep(study, plan, runs, options, state);
    while (record.looks.length === 0 || !stops(record.looks[record.looks.length - 1]!, K)) {
      const taken = await takeLook(study, plan, record, sweep, options);
      if (taken.outcome !== 'ok') return { outcome: taken.outcome, interruptedIn: taken.interruptedIn, failedRuns: 0 };
      record = await appendLook(study.outputDir, record, taken.look);
      options.emit({ type: 'look', look: taken.look, looks: K });
    }
    const last = record.looks[record.looks.length - 1]!;
    const done = {
      outcome: 'stopped' as const,
      sequential: sequentialOutcome(record, design),
      failedRuns: failedCount(last),
    };
    if (slurm) return done; // each task evaluated its run completely
    options.emit({ type: 'rest' });
    const rest = await localSweep(study, plan, {
      runs: usedRuns(plan.runs, last),
      restOnly: true,
      concurrency: options.concurrency,
      python: options.python,
      signal: options.signal,
      onEvalProgress: (message) => options.emit({ type: 'eval-progress', message }),
    });
    if (rest.interrupted || options.signal?.aborted)
      return { outcome: 'interrupted', interruptedIn: 'eval', train: state.train ?? rest.train, failedRuns: 0 };
    return { ...done, train: state.train ?? rest.train, ...(rest.eval && { eval: rest.eval }) };
  } finally {
    await lock?.release();
  }
}

/** Train (and evaluate the decision checkpoints of) some runs: a look, or a look's replacement runs. */
type LookSweep = (runs: readonly RunSpec[]) => Promise<SweepOutcome>;
type SweepOutcome =
  { outcome: 'ok' } | { outcome: 'interrupted' | 'detached'; interruptedIn?: 'train' | 'slurm' | 'eval' };

/** One look: its runs swept, then judged; a reproduce look replaces failed runs by the next seeds first. */
async function takeLook(
  study: Study,
  plan: Plan,
  record: SequentialRecord,
  sweep: LookSweep,
  options: RunLooksOptions,
): Promise<{ outcome: 'ok'; look: SequentialLook } | Exclude<SweepOutcome, { outcome: 'ok' }>> {
  const design = study.sequential!;
  const k = record.looks.length + 1;
  const n = design.looks[k - 1]!;
  const K = design.looks.length;
  if (design.question === 'compare') {
    const runs = lookRuns(study, plan.runs, design.arms, n);
    options.emit({ type: 'look-start', look: k, looks: K, seedsPerArm: n, runs: runs.length });
    const swept = await sweep(runs);
    if (swept.outcome !== 'ok') return swept;
    return { outcome: 'ok', look: await takeCompareLook(study, design, record, runs, k) };
  }
  const arm = reproduceArm(study, design, plan.study.arms);
  const armRuns = lookRuns(study, plan.runs, [arm], study.seeds.length);
  options.emit({ type: 'look-start', look: k, looks: K, seedsPerArm: n, runs: n });
  let m = Math.min(n, armRuns.length);
  let batch = armRuns.slice(0, m);
  for (;;) {
    const swept = await sweep(batch);
    if (swept.outcome !== 'ok') return swept;
    const finished = (await finishedRuns(study, armRuns.slice(0, m))).length;
    if (finished >= n || m >= armRuns.length) break;
    batch = armRuns.slice(m, m + (n - finished)); // replacements: the next seeds of the list
    m += batch.length;
  }
  return { outcome: 'ok', look: await takeReproduceLook(study, design, arm, armRuns.slice(0, m), k) };
}

/** A look's runs through the local overlapped sweep, decision checkpoints only. */
async function localLookSweep(
  study: Study,
  plan: Plan,
  runs: readonly RunSpec[],
  options: RunLooksOptions,
  state: { train?: TrainSummary },
): Promise<SweepOutcome> {
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
  state.train = sweep.train;
  if (sweep.interrupted) return { outcome: 'interrupted', interruptedIn: 'train' };
  if (options.signal?.aborted) return { outcome: 'interrupted', interruptedIn: 'eval' };
  return { outcome: 'ok' };
}

/** A look's runs as one Slurm array (each task trains and evaluates its run). */
async function slurmLookSweep(study: Study, runs: readonly RunSpec[], options: RunLooksOptions): Promise<SweepOutcome> {
  const sweep = await runSlurmSweep(study, {
    evaluate: true,
    detach: Boolean(options.detach),
    command: 'seedstudy run',
    signal: options.signal,
    runIds: runs.map((r) => r.runId),
    onEvent: (event) => options.emit({ type: 'slurm', event }),
  });
  if (sweep.detached) return { outcome: 'detached' };
  if (sweep.exitCode === 130 || options.signal?.aborted) return { outcome: 'interrupted', interruptedIn: 'slurm' };
  return { outcome: 'ok' };
}

/** The runs a look used (the seeds that finished), for the trajectories after the stop. */
function usedRuns(runs: readonly RunSpec[], look: SequentialLook): RunSpec[] {
  return runs.filter((r) => look.seeds[r.arm]?.includes(r.seed));
}

function failedCount(look: SequentialLook): number {
  return Object.values(look.failedSeeds).reduce((n, s) => n + s.length, 0);
}
