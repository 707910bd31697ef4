import type { GenerationSettings } from '../evaluation/eval-identity.js';
import {
  lossIdentity,
  readLossAhead,
  toLossEntry,
  writeLossAhead,
  type LossAheadEntry,
} from '../evaluation/loss-ahead.js';
import { runWorker, type RunWorkerOptions } from '../evaluation/run-worker.js';
import type { WorkerJob } from '../evaluation/worker-protocol.js';
import type { CheckpointTarget } from '../evaluation/write-checkpoint-eval.js';

type Target = Pick<CheckpointTarget, 'step' | 'file' | 'sha256'>;

/** The run's stored ahead-of-time losses that still match their checkpoint, model and loss settings. */
export async function knownLossesAhead(
  runDir: string,
  checkpoints: readonly Target[],
  loss: GenerationSettings['loss'],
  modelSha256: string,
): Promise<Map<number, LossAheadEntry>> {
  if (!loss) return new Map();
  const stored = await readLossAhead(runDir);
  const known = new Map<number, LossAheadEntry>();
  for (const t of checkpoints) {
    const entry = stored.get(t.step);
    if (t.sha256 && entry?.identity === lossIdentity(loss, t.sha256, modelSha256)) known.set(t.step, entry);
  }
  return known;
}

/**
 * Exact val/test losses of every checkpoint of a run, before any generation: a worker session in which
 * every prompt is skipped, so it loads the model once and computes only the losses (a forward pass over
 * the valid/test split per checkpoint, far cheaper than generating). Stored as each completes, so an
 * interruption keeps what was computed. This is what lets a best-val study evaluate its decision
 * checkpoints first.
 */
export async function computeLossesAhead(
  runDir: string,
  checkpoints: readonly Target[],
  loss: NonNullable<GenerationSettings['loss']>,
  modelSha256: string,
  session: {
    job: (targets: Target[]) => WorkerJob;
    worker: Omit<RunWorkerOptions, 'onCheckpoint' | 'signal'>;
    signal?: AbortSignal;
  },
): Promise<Map<number, LossAheadEntry>> {
  const known = await knownLossesAhead(runDir, checkpoints, loss, modelSha256);
  const missing = checkpoints.filter((t) => t.sha256 && !known.has(t.step));
  if (missing.length === 0) return known;
  const job = session.job(missing);
  const repeats = job.settings.repeats;
  job.skip = missing.flatMap((t) =>
    job.prompts.flatMap((p) =>
      Array.from({ length: repeats }, (_, repeat) => ({ step: t.step, prompt_id: p.id, repeat })),
    ),
  );
  const bySha = new Map(missing.map((t) => [t.step, t.sha256!]));
  await runWorker(job, {
    ...session.worker,
    ...(session.signal ? { signal: session.signal } : {}),
    onCheckpoint: async (out) => {
      if (!out.loss) return;
      known.set(out.step, toLossEntry(lossIdentity(loss, bySha.get(out.step)!, modelSha256), out.loss));
      await writeLossAhead(runDir, known);
    },
  });
  return known;
}
