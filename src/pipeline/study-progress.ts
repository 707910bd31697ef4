import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { pidAlive } from '../launch/pid-alive.js';
import { join } from 'node:path';
import { expectedCheckpointSteps } from '../launch/classify-outcome.js';
import { selectCheckpoints } from '../evaluation/select-checkpoints.js';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { CheckpointRecord, RunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { estimateStudyEta, evalSecondsPerCheckpoint, type EtaRun, type StudyEta } from './study-eta.js';
import type { TrainProgress } from './run-progress.js';

/** Where a run is in the whole pipeline, in one word. */
export type RunStage =
  | 'pending'
  | 'training'
  /** Trained; its checkpoints wait for evaluation. */
  | 'trained'
  | 'evaluating'
  | 'done'
  | 'failed'
  | 'interrupted'
  /** Trained for an older configuration of the study: it will be trained again. */
  | 'stale';

/** A run's live position: what `status` shows beside the training status. */
export interface RunLive {
  stage: RunStage;
  trainLoss: number | null;
  valLoss: number | null;
  checkpointsSaved: number;
  startedAt: string | null;
  /** Seconds the trainer ran (so far, or in all once it ended). */
  trainSeconds: number | null;
  /** Seconds since the run started training, up to now or to its last checkpoint evaluation when done. */
  elapsedS: number | null;
  /** Its evaluated checkpoints: when each finished (ms since the epoch) and its own generation and loss seconds. */
  evaluated: { at: number; seconds: number }[];
}

/** The study's counts by stage, its checkpoint evaluations and the whole-study ETA. */
export interface StudyProgress {
  /** When this was measured (ISO time). */
  at: string;
  stages: Record<RunStage, number>;
  evaluations: { done: number; total: number };
  eta: StudyEta;
}

/** What the progress of one run is computed from. */
export interface RunLiveInput {
  spec: RunSpec;
  record: RunRecord | undefined;
  stale: boolean;
  progress: TrainProgress;
  evalPlanned: number;
  evalDone: number;
  /** When each done checkpoint evaluation ended and how long it took (manifests). */
  evaluated: { at: string; seconds: number }[];
  /** Whether a live seedstudy holds the study lock (evaluation can only be under way then). */
  writerAlive: boolean;
}

/** The run's stage, elapsed times and last losses, from its records; `now` in ms. */
export async function runLive(input: RunLiveInput, now: number): Promise<RunLive> {
  const { record, progress } = input;
  const startedAt = record?.startedAt ?? null;
  const started = startedAt ? Date.parse(startedAt) : NaN;
  const trainSeconds =
    record?.durationS ?? (record?.status === 'running' && Number.isFinite(started) ? (now - started) / 1000 : null);
  const stage = await runStage(input);
  const lastEval = input.evaluated.map((e) => Date.parse(e.at)).filter(Number.isFinite);
  const end = stage === 'done' && lastEval.length > 0 ? Math.max(...lastEval) : now;
  const finished = ['failed', 'interrupted'].includes(stage) && record?.endedAt ? Date.parse(record.endedAt) : end;
  return {
    stage,
    trainLoss: progress.trainLoss ?? null,
    valLoss: progress.valLoss ?? null,
    checkpointsSaved: record?.status === 'running' ? progress.checkpointsSaved : (record?.checkpoints.length ?? 0),
    startedAt,
    trainSeconds: trainSeconds === null ? null : Math.max(0, trainSeconds),
    elapsedS: Number.isFinite(started) ? Math.max(0, (finished - started) / 1000) : null,
    evaluated: input.evaluated.map((e) => ({ at: Date.parse(e.at), seconds: e.seconds })),
  };
}

async function runStage(input: RunLiveInput): Promise<RunStage> {
  const { record } = input;
  if (!record) return 'pending';
  if (input.stale) return 'stale';
  // A run left `running` by a seedstudy that died is not training (the next `train` recovers it).
  const orphaned = record.host === hostname() && record.pid !== null && !pidAlive(record.pid);
  if (record.status === 'running') return orphaned ? 'interrupted' : 'training';
  if (record.status !== 'succeeded') return record.status;
  if (input.evalPlanned > 0 && input.evalDone >= input.evalPlanned) return 'done';
  if (!input.writerAlive) return 'trained';
  if (input.evalDone > 0) return 'evaluating';
  // The worker's log is written when a session starts: one newer than the end of training means it began.
  const log = await stat(join(runLayout.evalDir(input.spec.runDir), 'worker.log')).catch(() => undefined);
  const ended = record.endedAt ? Date.parse(record.endedAt) : Infinity;
  return log && log.mtimeMs >= ended ? 'evaluating' : 'trained';
}

/**
 * The checkpoint evaluations a run will need: from its record once trained, else predicted from
 * save_every and iters, under the study's `eval.checkpoints` selection (plus the base model).
 */
export function predictedEvalCount(study: Study, spec: RunSpec): number {
  const steps = expectedCheckpointSteps(spec.config).map((step) => ({ step }) as CheckpointRecord);
  const n = selectCheckpoints(steps, study.eval.checkpoints).length;
  return n + (study.eval.include_base && n > 0 ? 1 : 0);
}

/** The rows of a study's runs as the ETA needs them, with the planned iteration count. */
export interface ProgressRow {
  live: RunLive;
  iteration: number | null;
  /** Seconds into training at `iteration` (the trainer's last logged line, or its duration once ended). */
  measuredSeconds: number | null;
  iters: number | null;
  evalPlanned: number;
  evalDone: number;
}

/** Counts, evaluations done / total and the whole-study ETA (study-eta.ts) over the runs' rows and the shared base. */
export function studyProgress(
  rows: readonly ProgressRow[],
  concurrency: number,
  now: number,
  shared: { planned: number; done: number } = { planned: 0, done: 0 },
): StudyProgress {
  const stages: Record<RunStage, number> = {
    pending: 0,
    training: 0,
    trained: 0,
    evaluating: 0,
    done: 0,
    failed: 0,
    interrupted: 0,
    stale: 0,
  };
  for (const r of rows) stages[r.live.stage]++;
  const eta: EtaRun[] = rows.map((r) => ({
    state: etaState(r.live.stage),
    totalIters: r.iters ?? 0,
    iteration: r.iteration ?? 0,
    measuredSeconds: r.measuredSeconds ?? 0,
    trainSeconds: r.live.trainSeconds ?? 0,
    evalPlanned: r.evalPlanned,
    evalDone: r.evalDone,
  }));
  // Evaluations shared by the runs (the base model, once per study) wait like a trained run's.
  if (shared.planned > 0)
    eta.push({
      state: 'trained',
      totalIters: 0,
      iteration: 0,
      measuredSeconds: 0,
      trainSeconds: 0,
      ...sharedEval(shared),
    });
  const live = rows.filter((r) => etaState(r.live.stage) !== 'failed');
  return {
    at: new Date(now).toISOString(),
    stages,
    evaluations: {
      done: live.reduce((s, r) => s + Math.min(r.evalDone, r.evalPlanned), 0) + shared.done,
      total: live.reduce((s, r) => s + r.evalPlanned, 0) + shared.planned,
    },
    eta: estimateStudyEta({
      runs: eta,
      evalSecondsPerCheckpoint: evalSecondsPerCheckpoint(
        rows.flatMap((r, i) => r.live.evaluated.map((e) => ({ ...e, run: String(i) }))),
      ),
      concurrency,
    }),
  };
}

function sharedEval(shared: { planned: number; done: number }) {
  return { evalPlanned: shared.planned, evalDone: Math.min(shared.done, shared.planned) };
}

/** Failed and interrupted runs are not retried by a running study, so they add no work to wait for. */
function etaState(stage: RunStage): EtaRun['state'] {
  switch (stage) {
    case 'training':
      return 'training';
    case 'trained':
    case 'evaluating':
    case 'done':
      return 'trained';
    case 'failed':
    case 'interrupted':
      return 'failed';
    default:
      return 'pending';
  }
}
