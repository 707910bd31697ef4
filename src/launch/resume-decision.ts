import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { hashFiles } from '../plan/file-hash-cache.js';
import { UserError } from '../errors/user-error.js';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord, writeRunRecord, type RunRecord } from '../results/run-record.js';
import { runRef, type TrainEventSink } from './events.js';
import { stopOrphanTrainer } from './orphan-trainer.js';
import type { RetrainReason } from './retrain-reason.js';
import { assertSameRun } from './same-run.js';

/** What to do with one planned run when a sweep (re)starts. */
export type ResumeDecision =
  | { action: 'skip'; spec: RunSpec; record: RunRecord }
  | { action: 'train'; spec: RunSpec; reason: RetrainReason; record: RunRecord | undefined };

/** Why a succeeded run's recorded checkpoints can no longer be trusted, or undefined if they all check out. */
export async function checkpointDrift(record: RunRecord): Promise<RetrainReason | undefined> {
  for (const c of record.checkpoints) {
    if (c.pruned) continue;
    let size: number;
    try {
      size = (await stat(c.file)).size;
    } catch {
      return { kind: 'checkpoint-missing', step: c.step, file: c.file };
    }
    const { step, file } = c;
    if (size !== c.size) return { kind: 'checkpoint-size', step, file, recordedBytes: c.size, actualBytes: size };
    const actual = (await hashFiles([file]))[0]!;
    if (actual !== c.sha256) return { kind: 'checkpoint-changed', step, file, recorded: c.sha256, actual };
  }
  return undefined;
}

/**
 * Decides, from run.json and the filesystem, whether a planned run is skipped or trained (again,
 * from scratch). A run left "running" by a dead seedstudy on this host is recovered first: an
 * orphaned trainer is stopped and the record becomes "interrupted", so no run stays "running".
 * The caller must hold the study lock. Refuses (UserError) runs of another config or host.
 */
export async function decideResume(spec: RunSpec, onEvent?: TrainEventSink): Promise<ResumeDecision> {
  const record = await readRunRecord(spec.runDir);
  assertSameRun(spec, record);
  if (!record) return { action: 'train', spec, reason: { kind: 'new' }, record };
  switch (record.status) {
    case 'succeeded': {
      const drift = await checkpointDrift(record);
      return drift ? { action: 'train', spec, reason: drift, record } : { action: 'skip', spec, record };
    }
    case 'running': {
      const recovered = await recoverRunning(spec, record);
      onEvent?.({
        type: 'run-recovered',
        run: runRef(spec),
        from: 'running',
        to: 'interrupted',
        detail: recovered.failureReason ?? '',
      });
      return { action: 'train', spec, reason: { kind: 'status', status: 'interrupted' }, record: recovered };
    }
    default:
      return { action: 'train', spec, reason: { kind: 'status', status: record.status }, record };
  }
}

async function recoverRunning(spec: RunSpec, record: RunRecord): Promise<RunRecord> {
  const here = hostname();
  if (record.host !== here) {
    const by = record.slurm ? `Slurm job ${record.slurm.jobId}` : `host ${record.host}`;
    throw new UserError(`run ${spec.arm}/seed-${spec.seed} is recorded as running on ${by}`, {
      file: runLayout.runRecord(spec.runDir),
      fix: record.slurm
        ? 'wait for the Slurm job (seedstudy status) or cancel it (seedstudy cancel)'
        : `if nothing trains it on ${record.host} any more, set its "status" to "interrupted" or delete the run directory`,
    });
  }
  // The caller holds the study lock, so the seedstudy that wrote "running" is dead.
  const stopped = await stopOrphanTrainer(record.trainerPid, runLayout.loraConfig(spec.runDir));
  const recovered: RunRecord = {
    ...record,
    status: 'interrupted',
    cancelled: false,
    endedAt: record.endedAt ?? new Date().toISOString(),
    failureReason: `seedstudy (pid ${record.pid ?? '?'}) died while this run was training${stopped ? '; its orphaned trainer was stopped' : ''}`,
  };
  await writeRunRecord(spec.runDir, recovered);
  return recovered;
}
