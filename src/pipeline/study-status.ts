import { assertOutputOwner } from './output-owner.js';
import { planStudy } from './plan-study.js';
import { studyLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord, type RunRecord } from '../results/run-record.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { checkEvalRecords } from '../evaluation/verify-checkpoint-eval.js';
import { checkRunCheckpoints, runLabel } from './verify-results.js';
import { runEvaluations } from './run-eval-dirs.js';
import { selectCheckpoints } from '../evaluation/select-checkpoints.js';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { pidAlive } from '../launch/pid-alive.js';
import type { LockOwner } from './study-lock.js';
import { pathExists } from './path-exists.js';
import type { Study } from '../study/study.js';
import type { SlurmQueueStatus } from '../launch/slurm/queue-status.js';
import { readTrainProgress, type TrainProgress } from './run-progress.js';
import { predictedEvalCount, runLive, studyProgress, type RunLive, type StudyProgress } from './study-progress.js';

/** Where one planned run stands, across stages. */
export interface RunStatusRow {
  arm: string;
  seed: number;
  runId: string;
  /** Training status; `not-started` when there is no run.json, `stale` when its runId is not the plan's. */
  train: RunRecord['status'] | 'not-started' | 'stale';
  attempts: number;
  /** The last iteration reached: from run.json once training ended, from the trainer's log lines while it runs. */
  lastIteration: number | null;
  iters: number | null;
  failureReason: string | null;
  /** Checkpoints (base model included when include_base) to evaluate, and how many already are. */
  evalPlanned: number;
  evalDone: number;
  slurmJob: string | null;
  /** Checkpoints changed since training and record files that do not match their manifest (not counted as done). */
  problems: IntegrityProblem[];
  /** Stage, last losses, checkpoints saved and elapsed times (study-progress.ts). */
  live: RunLive;
}

/** The at-a-glance state of a study (`seedstudy status`). */
export interface StudyStatus {
  study: string;
  outputDir: string;
  runs: RunStatusRow[];
  counts: {
    total: number;
    succeeded: number;
    running: number;
    failed: number;
    interrupted: number;
    notStarted: number;
    stale: number;
    evaluated: number;
  };
  /** Who holds the study lock right now, if anyone. */
  lock: LockOwner | null;
  analyzed: boolean;
  /** Every run's problems, in run order. */
  problems: IntegrityProblem[];
  /** Runs by stage, checkpoint evaluations done / total and the whole-study ETA (an estimate). */
  progress: StudyProgress;
}

/** Options of studyStatus. */
export interface StatusOptions {
  /**
   * Hash checkpoints and eval records to prove they are what was recorded (default). A progress display
   * polling every few seconds turns it off: it counts manifests and trusts them.
   */
  verify?: boolean;
}

/**
 * Reads the results store only (never writes), so it is safe while `train` or `eval` runs:
 * per run the training status, its progress and how many of its checkpoints are evaluated.
 */
export async function studyStatus(study: Study, now = Date.now(), options: StatusOptions = {}): Promise<StudyStatus> {
  await assertOutputOwner(study); // another study's directory would show its runs as this one's
  const plan = await planStudy(study);
  const lock = await readLockOwner(study.outputDir);
  const verify = options.verify ?? true;
  const found = await Promise.all(plan.runs.map((spec) => runStatus(study, spec, lock !== null, now, verify)));
  const rows = found.map((f) => f.row);
  const count = (s: RunStatusRow['train']) => rows.filter((r) => r.train === s).length;
  return {
    study: study.name,
    outputDir: study.outputDir,
    runs: rows,
    counts: {
      total: rows.length,
      succeeded: count('succeeded'),
      running: count('running') + count('pending'),
      failed: count('failed'),
      interrupted: count('interrupted'),
      notStarted: count('not-started'),
      stale: count('stale'),
      evaluated: rows.filter((r) => r.train === 'succeeded' && r.evalPlanned > 0 && r.evalDone >= r.evalPlanned).length,
    },
    lock,
    analyzed: await pathExists(studyLayout.summary(study.outputDir)),
    problems: rows.flatMap((r) => r.problems),
    // The base model is one evaluation for the whole study (shared by the runs), not one per run.
    progress: studyProgress(
      found.map(({ row, progress, base }) => ({
        live: row.live,
        iteration: row.lastIteration,
        measuredSeconds: row.train === 'running' ? progress.loggedSeconds : row.live.trainSeconds,
        iters: row.iters,
        evalPlanned: row.evalPlanned - (base.planned ? 1 : 0),
        evalDone: row.evalDone - (base.done ? 1 : 0),
      })),
      study.executor.concurrency,
      now,
      {
        planned: found.some((f) => f.base.planned) ? 1 : 0,
        done: found.some((f) => f.base.done) ? 1 : 0,
      },
    ),
  };
}

/** What `seedstudy status` shows: the study's runs and, for a Slurm study, its queue. */
export interface StudyStatusReport {
  status: StudyStatus;
  slurm: SlurmQueueStatus | undefined;
}

/** The data of `seedstudy status`: studyStatus, plus the Slurm queue when the study runs on Slurm. */
export async function studyStatusReport(study: Study): Promise<StudyStatusReport> {
  const status = await studyStatus(study);
  if (study.executor.kind !== 'slurm') return { status, slurm: undefined };
  const { slurmQueueStatus } = await import('../launch/slurm/queue-status.js');
  return { status, slurm: await slurmQueueStatus(study) };
}

async function runStatus(
  study: Study,
  spec: RunSpec,
  writerAlive: boolean,
  now: number,
  verify: boolean,
): Promise<{ row: RunStatusRow; progress: TrainProgress; base: { planned: boolean; done: boolean } }> {
  const record = await readRunRecord(spec.runDir);
  const iters = typeof spec.config['iters'] === 'number' ? spec.config['iters'] : null;
  const base = { arm: spec.arm, seed: spec.seed, runId: spec.runId, iters };
  const stale = record !== undefined && record.runId !== spec.runId;
  // Training writes run.json when a run starts and ends; in between its position is in metrics.jsonl.
  const progress = record && !stale ? await readTrainProgress(spec.runDir) : NO_PROGRESS;
  const evaluated: { at: string; seconds: number }[] = [];
  const liveOf = (evalPlanned: number, evalDone: number) =>
    runLive({ spec, record, stale, progress, evalPlanned, evalDone, evaluated, writerAlive }, now);
  if (!record) {
    const none = { attempts: 0, lastIteration: null, failureReason: null, evalDone: 0, slurmJob: null };
    const evalPlanned = predictedEvalCount(study, spec);
    const live = await liveOf(evalPlanned, 0);
    const row: RunStatusRow = { ...base, train: 'not-started', ...none, evalPlanned, problems: [], live };
    return { row, progress, base: { planned: study.eval.include_base && evalPlanned > 0, done: false } };
  }
  const steps = stale ? [] : selectCheckpoints(record.checkpoints, study.eval.checkpoints).map((c) => c.step);
  if (study.eval.include_base && steps.length > 0) steps.unshift(0);
  // A checkpoint counts as evaluated only if its file and its records are still what was recorded.
  const problems = stale || !verify ? [] : await checkRunCheckpoints(record);
  const sha = new Map(record.checkpoints.map((c) => [c.step, c.sha256]));
  let done = 0;
  let baseDone = false;
  const evaluations = stale ? [] : await runEvaluations(spec.runDir, record.runId);
  for (const step of steps) {
    const found0 = evaluations.find((e) => e.step === step);
    if (!found0 || (step !== 0 && found0.manifest.checkpoint_sha256 !== sha.get(step))) continue;
    const { dir, manifest } = found0;
    const found = verify ? await checkEvalRecords(dir, manifest, step === 0 ? 'base model' : runLabel(spec), []) : [];
    problems.push(...found);
    if (found.length === 0 && !problems.some((p) => p.kind === 'checkpoint' && p.step === step)) {
      done++;
      if (step === 0) baseDone = true;
      // The shared base evaluation belongs to no run's session: its time says nothing of this run's rate.
      else
        evaluated.push({
          at: manifest.evaluated_at,
          seconds: manifest.generation_seconds + (manifest.loss_seconds ?? 0),
        });
    }
  }
  // Before training ended (or when it trains again), the checkpoints to evaluate are the ones it will save.
  const ahead = stale || record.status === 'running' || record.status === 'pending';
  const evalPlanned = ahead ? predictedEvalCount(study, spec) : steps.length;
  const row: RunStatusRow = {
    ...base,
    train: stale ? 'stale' : record.status,
    attempts: record.attempts,
    lastIteration: record.lastIteration ?? (stale ? null : progress.iteration),
    failureReason: record.failureReason,
    evalPlanned,
    evalDone: done,
    slurmJob: record.slurm
      ? `${record.slurm.jobId}${record.slurm.arrayTaskId !== null ? `_${record.slurm.arrayTaskId}` : ''}`
      : null,
    problems,
    live: await liveOf(evalPlanned, done),
  };
  return { row, progress, base: { planned: study.eval.include_base && evalPlanned > 0, done: baseDone } };
}

const NO_PROGRESS: TrainProgress = {
  iteration: null,
  trainLoss: undefined,
  valLoss: undefined,
  checkpointsSaved: 0,
  loggedSeconds: null,
};

/** The live holder of the study lock, or null (no lock, or a stale one left by a dead process on this host). */
async function readLockOwner(outputDir: string): Promise<LockOwner | null> {
  let owner: LockOwner;
  try {
    owner = JSON.parse(await readFile(studyLayout.lock(outputDir), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
  return owner.host === hostname() && !pidAlive(owner.pid) ? null : owner;
}
