import { execa } from 'execa';
import { UserError } from '../../errors/user-error.js';
import type { Plan, RunSpec } from '../../plan/run-spec.js';
import { readRunRecord, type RunRecord } from '../../results/run-record.js';
import type { Study } from '../../study/study.js';
import { runRef, type RunRef } from '../events.js';
import { assertSameRun } from '../same-run.js';
import { latestTaskByRun, readJobsLedger, writeJobsLedger, type JobsLedger } from './jobs-ledger.js';
import { monitorTasks } from './monitor-tasks.js';
import { queryTaskStates } from './query-task-states.js';
import { recoverUnsubmittedBatches, releaseHeld } from './recover-batches.js';
import type { SlurmEventSink } from './slurm-events.js';
import { slurmSettings } from './slurm-settings.js';
import { isFinalSlurmState } from './slurm-states.js';
import { taskMayStillWrite } from './task-still-writing.js';
import { MAX_ARRAY_TASKS, submitBatch } from './submit-batch.js';
import { submitPrefixCacheJob } from './prefix-cache-job.js';
import { prefixCacheJobs, writeCacheConfig } from '../prefix-cache-jobs.js';
import { prefixCacheBuildArgv } from '../trainer-argv.js';
import { resolvePython } from '../../engine/python.js';
import { readTaskRecord, type TaskRecord } from './task-record.js';
import { finishTrackedTask, taskLogPath, type TrackedTask } from './tracked-task.js';

/** Options of a Slurm sweep. */
export interface RunSlurmStudyOptions {
  /** Submit (or re-attach) and return at once; a later call re-attaches and reconciles. With nothing left
   * running (every run done earlier) there is nothing to detach from: the sweep ends as without it. */
  detach?: boolean;
  /** Tasks evaluate their checkpoints after training (default true; false for `seedstudy train`). */
  evaluate?: boolean;
  /** Only these runs of the plan (e.g. one arm). */
  runIds?: readonly string[];
  /** Aborting stops MONITORING only: submitted tasks keep running on the cluster. */
  signal?: AbortSignal;
  onEvent?: SlurmEventSink;
  /** Overrides executor.poll_s. */
  pollS?: number;
}

/** What happened to one run of the sweep. `queued`: still pending/running when we stopped watching. */
export interface SlurmRunOutcome extends RunRef {
  status: 'succeeded' | 'failed' | 'interrupted' | 'queued';
  skipped: boolean;
  taskId: string | null;
  state: string | null;
  reason: string | null;
  logPath: string | null;
}

/** The summary of a Slurm sweep; `outcome` decides the exit code (0, 1, 130; detached is 0). */
export interface SlurmStudyResult {
  total: number;
  skipped: number;
  submitted: number;
  reattached: number;
  batches: Array<{ batch: string; jobId: string }>;
  runs: SlurmRunOutcome[];
  outcome: 'succeeded' | 'failed' | 'interrupted' | 'detached';
  wallS: number;
}

/** True when a run needs no task: training succeeded and, when asked, its task also evaluated it. */
export function runIsDone(
  spec: RunSpec,
  record: RunRecord | undefined,
  task: TaskRecord | undefined,
  evaluate: boolean,
): boolean {
  if (record?.status !== 'succeeded' || record.runId !== spec.runId) return false;
  if (!evaluate) return true;
  return task?.runId === spec.runId && task.status === 'succeeded' && task.eval === 'succeeded';
}

/** Fails early, with the fix, when this machine cannot submit to Slurm. */
export async function assertSlurmClient(study: Study): Promise<void> {
  const r = await execa('sbatch', ['--version'], { reject: false, timeout: 30_000 });
  if (r.exitCode !== 0) {
    throw new UserError('executor.kind is slurm but sbatch does not run on this machine', {
      file: study.file,
      keyPath: 'executor.kind',
      fix: 'run seedstudy on a Slurm login node (sbatch, squeue, scancel on PATH), or set executor.kind: local',
    });
  }
}

/**
 * The Slurm executor's whole cycle for a study: re-attach to the tasks the ledger says are still
 * pending or running, reconcile those that ended while nobody watched, submit ONE array for the
 * runs still missing (never a run that finished or is already queued), then poll until every task
 * ended (unless detached) and reconcile each with its run records. The caller holds the study
 * lock (acquireStudyLock), as for the local executor: the ledger and run.json have one orchestrator.
 */
export async function runSlurmStudy(
  study: Study,
  plan: Plan,
  options: RunSlurmStudyOptions = {},
): Promise<SlurmStudyResult> {
  const t0 = performance.now();
  const executor = slurmSettings(study);
  const evaluate = options.evaluate ?? true;
  const onEvent = options.onEvent;
  await assertSlurmClient(study);
  const only = options.runIds ? new Set(options.runIds) : undefined;
  const runs = plan.runs.filter((r) => !only || only.has(r.runId));

  const ledger: JobsLedger = await readJobsLedger(study.outputDir, study.name);
  await recoverUnsubmittedBatches(study, ledger);
  const latest = latestTaskByRun(ledger);
  const open: TrackedTask[] = [];
  for (const spec of runs) {
    const entry = latest.get(spec.runId);
    if (entry && !entry.task.final && entry.batch.jobId !== null) {
      open.push({
        spec,
        batch: entry.batch as TrackedTask['batch'],
        task: entry.task,
        taskId: `${entry.batch.jobId}_${entry.task.index}`,
      });
    }
  }
  const states = await queryTaskStates(open.map((t) => t.taskId));
  const tracked: TrackedTask[] = [];
  const held: string[] = [];
  for (const t of open) {
    const s = states.get(t.taskId);
    if (s && (!isFinalSlurmState(s.state) || (await taskMayStillWrite(t.spec.runDir, t.taskId, s, new Map())))) {
      Object.assign(t.task, { state: s.state, reason: s.reason });
      if (s.reason === 'JobHeldUser') held.push(t.batch.jobId);
      tracked.push(t);
    } else {
      await finishTrackedTask(study, executor, ledger, t, s, onEvent);
    }
  }
  if (held.length > 0) await releaseHeld(held);
  if (tracked.length > 0) {
    onEvent?.({
      type: 'slurm-reattached',
      runs: tracked.map((t) => ({ ...runRef(t.spec), taskId: t.taskId, state: t.task.state ?? 'PENDING' })),
    });
  }

  const attached = new Set(tracked.map((t) => t.spec.runId));
  const skipped = new Set<string>();
  const toSubmit: RunSpec[] = [];
  for (const spec of runs) {
    if (attached.has(spec.runId)) continue;
    const record = await readRunRecord(spec.runDir);
    assertSameRun(spec, record);
    if (runIsDone(spec, record, await readTaskRecord(spec.runDir), evaluate)) {
      skipped.add(spec.runId);
      onEvent?.({
        type: 'slurm-skip',
        run: runRef(spec),
        reason: evaluate ? 'trained and evaluated earlier' : 'trained earlier',
      });
    } else {
      toSubmit.push(spec);
    }
  }

  // executor.trainer: prefix-cache: one job builds the activation caches; the arrays wait for it.
  const cacheJobs = prefixCacheJobs(study, toSubmit);
  let afterOk: string | undefined;
  if (cacheJobs.length > 0) {
    const python = resolvePython(study).path;
    const builds = await Promise.all(
      cacheJobs.map(async (j) => prefixCacheBuildArgv(python, j.dir, await writeCacheConfig(j.dir, j.config))),
    );
    afterOk = await submitPrefixCacheJob(study, executor, builds);
  }

  const batches: Array<{ batch: string; jobId: string }> = [];
  for (let i = 0; i < toSubmit.length; i += MAX_ARRAY_TASKS) {
    const chunk = toSubmit.slice(i, i + MAX_ARRAY_TASKS);
    const entry = await submitBatch(study, executor, ledger, chunk, evaluate, afterOk);
    const jobId = entry.jobId!;
    batches.push({ batch: entry.batch, jobId });
    const mine = chunk.map((spec, index) => ({
      spec,
      batch: entry as TrackedTask['batch'],
      task: entry.tasks[index]!,
      taskId: `${jobId}_${index}`,
    }));
    tracked.push(...mine);
    onEvent?.({
      type: 'slurm-submitted',
      batch: entry.batch,
      jobId,
      script: `${entry.dir}/job.sh`,
      runs: mine.map((t) => ({ ...runRef(t.spec), taskId: t.taskId })),
    });
  }

  let stillActive = tracked;
  // Detaching leaves running jobs behind; with none (every run done earlier) the sweep simply ended, so a
  // sequential study's next `run --detach` takes the look and submits the next one instead of stalling.
  const detached = options.detach === true && tracked.length > 0;
  if (detached) {
    onEvent?.({ type: 'slurm-detached', jobIds: [...new Set(tracked.map((t) => t.batch.jobId))] });
  } else {
    stillActive = await monitorTasks(study, executor, ledger, tracked, {
      pollS: options.pollS ?? executor.poll_s,
      signal: options.signal,
      onEvent,
    });
    if (stillActive.length > 0) {
      await writeJobsLedger(study.outputDir, ledger);
      onEvent?.({
        type: 'slurm-monitor-stopped',
        jobIds: [...new Set(stillActive.map((t) => t.batch.jobId))],
        reason: 'interrupted',
      });
    }
  }
  return summarise(
    runs,
    ledger,
    skipped,
    toSubmit.length,
    tracked.length - toSubmit.length,
    batches,
    detached,
    stillActive.length > 0,
    t0,
  );
}

function summarise(
  runs: readonly RunSpec[],
  ledger: JobsLedger,
  skipped: ReadonlySet<string>,
  submitted: number,
  reattached: number,
  batches: SlurmStudyResult['batches'],
  detached: boolean,
  stopped: boolean,
  t0: number,
): SlurmStudyResult {
  const latest = latestTaskByRun(ledger);
  const out: SlurmRunOutcome[] = runs.map((spec) => {
    const entry = latest.get(spec.runId);
    if (skipped.has(spec.runId) || !entry || entry.batch.jobId === null) {
      return {
        ...runRef(spec),
        status: 'succeeded',
        skipped: true,
        taskId: null,
        state: null,
        reason: null,
        logPath: null,
      };
    }
    const { batch, task } = entry;
    const base = {
      ...runRef(spec),
      skipped: false,
      taskId: `${batch.jobId}_${task.index}`,
      state: task.state,
      logPath: taskLogPath({ batch: batch as TrackedTask['batch'], task }),
    };
    return task.final
      ? { ...base, status: task.outcome ?? 'failed', reason: task.outcomeReason }
      : { ...base, status: 'queued', reason: null };
  });
  const any = (s: SlurmRunOutcome['status']) => out.some((r) => r.status === s);
  const outcome = detached
    ? 'detached'
    : stopped || any('interrupted') || any('queued')
      ? 'interrupted'
      : any('failed')
        ? 'failed'
        : 'succeeded';
  return {
    total: runs.length,
    skipped: skipped.size,
    submitted,
    reattached,
    batches,
    runs: out,
    outcome,
    wallS: (performance.now() - t0) / 1000,
  };
}
