import type { CheckpointOutput } from './run-worker.js';
import type { WorkerJob } from './worker-protocol.js';

/**
 * The job files the eval worker's driver writes after a restart (run-worker.ts): resume where the
 * last worker stopped, or run the prompts that were in flight at a watchdog kill one at a time.
 */

/** One prompt of one checkpoint and repeat: the unit the watchdog retries and blames. */
export type PromptRef = { step: number; prompt_id: string; repeat: number };

/** A PromptRef as a map key. */
export const refKey = (r: PromptRef) => `${r.step}\0${r.prompt_id}\0${r.repeat}`;

/** The job that resumes where the last worker stopped: unfinished checkpoints, minus prompts already settled. */
export function resumeJob(
  job: WorkerJob,
  pending: ReadonlyMap<number, Pick<CheckpointOutput, 'generations' | 'errors' | 'loss'>>,
  done: ReadonlySet<number>,
): WorkerJob {
  const remaining = job.checkpoints.filter((c) => !done.has(c.step));
  const skip = remaining.flatMap((c) => {
    const p = pending.get(c.step);
    const settled = [...(p?.generations ?? []), ...(p?.errors ?? [])];
    return settled.map((g) => ({ step: g.step, prompt_id: g.prompt_id, repeat: g.repeat }));
  });
  const skipLoss = remaining.filter((c) => pending.get(c.step)?.loss).map((c) => c.step);
  return { ...job, checkpoints: remaining, skip, skip_loss: skipLoss };
}

/** The job that runs only the suspect prompts, one at a time (batch size 1), without losses. */
export function isolationJob(job: WorkerJob, suspects: readonly PromptRef[], done: ReadonlySet<number>): WorkerJob {
  const want = new Set(suspects.map(refKey));
  const ids = new Set(suspects.map((s) => s.prompt_id));
  const steps = new Set(suspects.map((s) => s.step));
  const checkpoints = job.checkpoints.filter((c) => steps.has(c.step) && !done.has(c.step));
  const prompts = job.prompts.filter((p) => ids.has(p.id));
  const skip: PromptRef[] = [];
  for (const c of checkpoints) {
    for (let repeat = 0; repeat < job.settings.repeats; repeat++) {
      for (const p of prompts) {
        const ref = { step: c.step, prompt_id: p.id, repeat };
        if (!want.has(refKey(ref))) skip.push(ref);
      }
    }
  }
  return {
    ...job,
    checkpoints,
    prompts,
    settings: { ...job.settings, batch_size: 1 },
    loss: null,
    skip,
    skip_loss: checkpoints.map((c) => c.step),
  };
}
