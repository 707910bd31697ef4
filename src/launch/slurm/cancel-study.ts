import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { Plan } from '../../plan/run-spec.js';
import type { Study } from '../../study/study.js';
import { latestTaskByRun, readJobsLedger, type JobsLedger } from './jobs-ledger.js';
import { queryTaskStates } from './query-task-states.js';
import { recoverUnsubmittedBatches } from './recover-batches.js';
import { slurmSettings } from './slurm-settings.js';
import { isFinalSlurmState } from './slurm-states.js';
import { finishTrackedTask, type TrackedTask } from './tracked-task.js';
import { taskMayStillWrite } from './task-still-writing.js';

/** What `seedstudy cancel` did. */
export interface CancelResult {
  /** Task ids scancel was asked to stop. */
  cancelled: string[];
  /** Tasks recorded as interrupted (cancelled) in their run.json. */
  recorded: string[];
  /** Tasks still not final after the wait (their run.json is fixed by the next run). */
  stillEnding: string[];
  /** True when another seedstudy process watches the study and will record the outcomes itself. */
  watched: boolean;
}

/** Options of cancel. */
export interface CancelOptions {
  /** Seconds to wait for cancelled tasks to end before recording them (default 90: Slurm's KillWait is 30 s). */
  waitS?: number;
  /** Set when another live seedstudy holds the study lock: scancel only, leave the records to it. */
  watched?: boolean;
}

/**
 * Cancels every task of the study that is still queued or running (scancel of exactly the task
 * ids in the ledger, nothing else of the user's), waits for them to end, then records each run
 * as interrupted ("cancelled") so the next run resubmits it.
 */
export async function cancelSlurmStudy(study: Study, plan: Plan, options: CancelOptions = {}): Promise<CancelResult> {
  const executor = slurmSettings(study);
  const ledger: JobsLedger = await readJobsLedger(study.outputDir, study.name);
  if (!options.watched) await recoverUnsubmittedBatches(study, ledger);
  const latest = latestTaskByRun(ledger);
  const open: TrackedTask[] = [];
  for (const spec of plan.runs) {
    const e = latest.get(spec.runId);
    if (e && !e.task.final && e.batch.jobId !== null)
      open.push({
        spec,
        batch: e.batch as TrackedTask['batch'],
        task: e.task,
        taskId: `${e.batch.jobId}_${e.task.index}`,
      });
  }
  let states = await queryTaskStates(open.map((t) => t.taskId));
  const toCancel = open.filter((t) => {
    const s = states.get(t.taskId);
    return s !== undefined && !isFinalSlurmState(s.state);
  });
  if (toCancel.length > 0) {
    const r = await execa(
      'scancel',
      toCancel.map((t) => t.taskId),
      { reject: false, timeout: 60_000 },
    );
    if (r.exitCode !== 0 && String(r.stderr).trim()) throw new Error(`scancel failed: ${String(r.stderr).trim()}`);
  }
  const result: CancelResult = {
    cancelled: toCancel.map((t) => t.taskId),
    recorded: [],
    stillEnding: [],
    watched: options.watched === true,
  };
  if (options.watched) return result;

  const deadline = Date.now() + (options.waitS ?? 90) * 1000;
  let pending = open;
  const firstSeenFinal = new Map<string, number>();
  while (pending.length > 0) {
    states = await queryTaskStates(pending.map((t) => t.taskId));
    const next: TrackedTask[] = [];
    for (const t of pending) {
      const s = states.get(t.taskId);
      if (s && (!isFinalSlurmState(s.state) || (await taskMayStillWrite(t.spec.runDir, t.taskId, s, firstSeenFinal))))
        next.push(t);
      else {
        await finishTrackedTask(study, executor, ledger, t, s, undefined);
        result.recorded.push(t.taskId);
      }
    }
    pending = next;
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(1000);
  }
  result.stillEnding = pending.map((t) => t.taskId);
  return result;
}
