import { z } from 'zod';
import { canonicalJson } from '../plan/canonical-json.js';
import { runLayout } from '../plan/run-layout.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { readValidJson } from '../results/read-valid-json.js';
import { sha256Text } from './canonical-hash.js';
import type { GenerationSettings } from './eval-identity.js';
import type { WorkerLoss } from './worker-protocol.js';

const lossEntrySchema = z.strictObject({
  identity: z.string(),
  val_loss: z.number().nullable(),
  test_loss: z.number().nullable(),
  val_examples: z.number().int().optional(),
  test_examples: z.number().int().optional(),
  seconds: z.number().optional(),
});

const lossAheadSchema = z.strictObject({
  schemaVersion: z.literal(1),
  steps: z.record(z.string(), lossEntrySchema),
});

/** One checkpoint's exact losses computed ahead of its generations. */
export type LossAheadEntry = z.infer<typeof lossEntrySchema>;

/**
 * What a checkpoint's exact losses depend on: the loss settings (data, batch size, sequence length,
 * prompt masking), the checkpoint's bytes and the model's. A stored loss with another identity is stale.
 */
export function lossIdentity(loss: NonNullable<GenerationSettings['loss']>, sha256: string, modelSha256: string) {
  return sha256Text(canonicalJson({ v: 1, loss, checkpoint: sha256, model: modelSha256 }));
}

/**
 * `<runDir>/eval/losses.json`: exact val/test losses of a run's checkpoints computed in a loss-only
 * worker pass, before any generation, when the policy is best-val: the decision checkpoint is then
 * known first and evaluated first. The full evaluation later reuses these losses instead of computing
 * them again. Entries whose identity no longer matches are ignored.
 */
export async function readLossAhead(runDir: string): Promise<Map<number, LossAheadEntry>> {
  const stored = await readValidJson(runLayout.lossAhead(runDir), lossAheadSchema);
  return new Map(Object.entries(stored?.steps ?? {}).map(([step, entry]) => [Number(step), entry]));
}

/** Writes the run's ahead-of-time losses (atomically; the whole map each time). */
export async function writeLossAhead(runDir: string, entries: ReadonlyMap<number, LossAheadEntry>): Promise<void> {
  const steps = Object.fromEntries([...entries].sort((a, b) => a[0] - b[0]).map(([s, e]) => [String(s), e]));
  await writeJsonAtomic(runLayout.lossAhead(runDir), { schemaVersion: 1, steps });
}

/** A worker loss line as a stored entry. */
export function toLossEntry(identity: string, loss: WorkerLoss): LossAheadEntry {
  return {
    identity,
    val_loss: loss.val_loss ?? null,
    test_loss: loss.test_loss ?? null,
    ...(loss.val_examples !== undefined ? { val_examples: loss.val_examples } : {}),
    ...(loss.test_examples !== undefined ? { test_examples: loss.test_examples } : {}),
    ...(loss.seconds !== undefined ? { seconds: loss.seconds } : {}),
  };
}

/** A stored entry as the worker's loss line, so the checkpoint's manifest carries it as if computed now. */
export function toWorkerLoss(step: number, entry: LossAheadEntry): WorkerLoss {
  return {
    type: 'loss',
    step,
    val_loss: entry.val_loss,
    test_loss: entry.test_loss,
    ...(entry.val_examples !== undefined ? { val_examples: entry.val_examples } : {}),
    ...(entry.test_examples !== undefined ? { test_examples: entry.test_examples } : {}),
    ...(entry.seconds !== undefined ? { seconds: entry.seconds } : {}),
  };
}
