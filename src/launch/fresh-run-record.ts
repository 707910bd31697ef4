import { hostname } from 'node:os';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { RunRecord } from '../results/run-record.js';

/** What differs between a run.json written before training (Slurm: pending) and at its start (running). */
export type RunRecordStart = Pick<RunRecord, 'status' | 'attempts' | 'startedAt' | 'pid' | 'command' | 'versions'> &
  Pick<Partial<RunRecord>, 'slurm' | 'hfModel'>;

/**
 * A run.json for a run with no outcome yet: no exit, no checkpoints, this host, the run's train.log.
 * Training and Slurm submission both start from it, so a new RunRecord field gets its initial value
 * in one place.
 */
export function freshRunRecord(spec: RunSpec, start: RunRecordStart): RunRecord {
  return {
    schemaVersion: 1,
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    status: start.status,
    attempts: start.attempts,
    exitCode: null,
    signal: null,
    exitDescription: null,
    failureReason: null,
    timedOut: false,
    stalled: false,
    cancelled: false,
    startedAt: start.startedAt,
    endedAt: null,
    durationS: null,
    host: hostname(),
    pid: start.pid,
    trainerPid: null,
    command: start.command,
    versions: start.versions,
    checkpoints: [],
    invalidCheckpoints: [],
    firstValLoss: null,
    firstCheckpointSha256: null,
    lastIteration: null,
    logPath: runLayout.trainLog(spec.runDir),
    errorExcerpt: [],
    ...(start.slurm && { slurm: start.slurm }),
    ...(start.hfModel && { hfModel: start.hfModel }),
  };
}
