import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runLayout } from '../plan/run-layout.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { readRunRecord, writeRunRecord, type CheckpointRecord } from '../results/run-record.js';
import type { KeepCheckpoints } from '../study/schema.js';

/** What `keep_checkpoints` did to one run; also written to `<runDir>/eval/keep-checkpoints.json`. */
export interface KeepResult {
  policy: KeepCheckpoints;
  kept: number[];
  deleted: { step: number; file: string; sha256: string; size: number }[];
}

/** Which steps a policy keeps, given the evaluated val losses (exported for tests). */
export function stepsToKeep(
  policy: KeepCheckpoints,
  checkpoints: readonly CheckpointRecord[],
  valLoss: ReadonlyMap<number, number | null>,
): Set<number> {
  const steps = checkpoints.map((c) => c.step).sort((a, b) => a - b);
  if (policy === 'all') return new Set(steps);
  if (policy === 'none' || steps.length === 0) return new Set();
  const final = steps[steps.length - 1]!;
  if (policy === 'final') return new Set([final]);
  const known = steps.filter((s) => typeof valLoss.get(s) === 'number');
  if (known.length === 0) return new Set([final]); // no exact loss: keep the final rather than guess
  return new Set([known.reduce((best, s) => (valLoss.get(s)! < valLoss.get(best)! ? s : best))]);
}

/**
 * Applies `keep_checkpoints` once ALL of a run's selected checkpoints are evaluated (the caller
 * guarantees that): deletes the other numbered checkpoint files, marks them `pruned` in run.json
 * (so resume does not expect them) and records what was deleted. `none` also deletes the
 * unnumbered adapters.safetensors copy of the final weights; adapter_config.json always stays.
 */
export async function applyKeepCheckpoints(
  runDir: string,
  policy: KeepCheckpoints,
  valLoss: ReadonlyMap<number, number | null>,
): Promise<KeepResult> {
  const record = await readRunRecord(runDir);
  const live = (record?.checkpoints ?? []).filter((c) => !c.pruned);
  const keep = stepsToKeep(policy, live, valLoss);
  const result: KeepResult = { policy, kept: [...keep].sort((a, b) => a - b), deleted: [] };
  const doomed = live.filter((c) => !keep.has(c.step));
  if (!record || policy === 'all' || (doomed.length === 0 && policy !== 'none')) return result; // nothing to do: keep the earlier record
  for (const c of doomed) {
    await rm(c.file, { force: true });
    result.deleted.push({ step: c.step, file: c.file, sha256: c.sha256, size: c.size });
  }
  if (policy === 'none') await rm(join(runLayout.adapters(runDir), 'adapters.safetensors'), { force: true });
  const deleted = new Set(result.deleted.map((d) => d.step));
  await writeRunRecord(runDir, {
    ...record,
    checkpoints: record.checkpoints.map((c) => (deleted.has(c.step) ? { ...c, pruned: true } : c)),
  });
  await writeJsonAtomic(join(runLayout.evalDir(runDir), 'keep-checkpoints.json'), {
    ...result,
    at: new Date().toISOString(),
  });
  return result;
}
