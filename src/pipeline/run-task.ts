import { hostname } from 'node:os';
import { resolvePython } from '../engine/python.js';
import { UserError } from '../errors/user-error.js';
import type { TrainEventSink } from '../launch/events.js';
import { checkpointDrift } from '../launch/resume-decision.js';
import { assertSameRun } from '../launch/same-run.js';
import { readTaskManifest } from '../launch/slurm/task-manifest.js';
import { writeTaskRecord, type TaskRecord } from '../launch/slurm/task-record.js';
import { trainRun } from '../launch/train-run.js';
import { planStudy } from './plan-study.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord } from '../results/run-record.js';
import { loadStudy } from '../study/load-study.js';
import type { Study } from '../study/study.js';
import { evaluateRun } from './evaluate-run.js';

/** Options of one task. */
export interface RunTaskOptions {
  /** `<arrayJobId>_<index>` under Slurm; null when run by hand. */
  taskId: string | null;
  batch: string | null;
  /** Evaluate the checkpoints after training (default true). */
  evaluate?: boolean;
  signal?: AbortSignal;
  onEvent?: TrainEventSink;
  onProgress?: (message: string) => void;
}

/**
 * What one Slurm array task does on its node for ONE run: train it (unless it already succeeded
 * with intact checkpoints), then evaluate its checkpoints, writing only inside the run directory
 * (run.json, task.json, logs, eval/). task.json is written first as "running" and last with the
 * outcome, so the orchestrator can tell a finished task from one Slurm killed.
 */
export async function runTask(study: Study, spec: RunSpec, options: RunTaskOptions): Promise<TaskRecord> {
  const t0 = performance.now();
  const evaluate = options.evaluate ?? true;
  const record: TaskRecord = {
    schemaVersion: 1,
    runId: spec.runId,
    taskId: options.taskId,
    batch: options.batch,
    host: hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    endedAt: null,
    status: 'running',
    train: null,
    eval: null,
    reason: null,
    durationS: null,
    trainS: null,
    evalS: null,
  };
  await writeTaskRecord(spec.runDir, record);
  const python = resolvePython(study).path;
  const seconds = (from: number) => Math.round((performance.now() - from) / 10) / 100;

  const previous = await readRunRecord(spec.runDir);
  assertSameRun(spec, previous);
  const tTrain = performance.now();
  if (previous?.status === 'succeeded' && !(await checkpointDrift(previous))) {
    record.train = 'skipped';
    options.onProgress?.('training: succeeded earlier, checkpoints verified; not trained again');
  } else {
    const executor = study.executor;
    const [jobId, index] = options.taskId?.split('_') ?? [];
    const trained = await trainRun(study, spec, {
      python,
      stallTimeoutS: executor.stall_timeout_s,
      graceS: executor.grace_s,
      ...(options.signal && { signal: options.signal }),
      ...(options.onEvent && { onEvent: options.onEvent }),
      ...(options.taskId &&
        jobId && {
          slurm: {
            jobId: options.taskId,
            arrayTaskId: index === undefined ? null : Number(index),
            state: 'RUNNING',
            reason: null,
          },
        }),
    });
    record.train =
      trained.status === 'succeeded' ? 'succeeded' : trained.status === 'failed' ? 'failed' : 'interrupted';
    if (record.train !== 'succeeded')
      record.reason = `training ${record.train}: ${trained.failureReason ?? trained.exitDescription ?? 'no reason recorded'}`;
  }
  record.trainS = seconds(tTrain);

  const trainedOk = record.train === 'succeeded' || record.train === 'skipped';
  if (!evaluate || !trainedOk) {
    record.eval = 'skipped';
  } else if (options.signal?.aborted) {
    record.eval = 'interrupted';
    record.reason = 'interrupted before evaluation';
  } else {
    const tEval = performance.now();
    try {
      await evaluateRun(study, spec, {
        python,
        ...(options.signal && { signal: options.signal }),
        ...(options.onProgress && { onProgress: options.onProgress }),
      });
      record.eval = 'succeeded';
    } catch (error) {
      record.eval = options.signal?.aborted ? 'interrupted' : 'failed';
      record.reason = `evaluation ${record.eval}: ${error instanceof UserError ? error.format() : (error as Error).message}`;
    }
    record.evalS = seconds(tEval);
  }

  record.status =
    record.train === 'interrupted' || record.eval === 'interrupted'
      ? 'interrupted'
      : record.train === 'failed' || record.eval === 'failed'
        ? 'failed'
        : 'succeeded';
  record.endedAt = new Date().toISOString();
  record.durationS = seconds(t0);
  await writeTaskRecord(spec.runDir, record);
  return record;
}

/** What `seedstudy task` was asked to run. */
export interface TaskCommandInput {
  studyFile: string;
  output?: string | undefined;
  runId?: string | undefined;
  /** Batch manifest and array index (what the generated batch script passes). */
  tasks?: string | undefined;
  index?: number | undefined;
  /** Overrides the manifest's choice (default: manifest, else true). */
  evaluate?: boolean | undefined;
  signal?: AbortSignal;
  onEvent?: TrainEventSink;
  onProgress?: (message: string) => void;
}

/**
 * The hidden `seedstudy task` command's work: find the run (by id, or by array index in the
 * batch manifest), check it is still part of the study's plan (a changed study is refused, never
 * mixed), and run it. Returns the task record; its status decides the process exit code.
 */
export async function runTaskCommand(input: TaskCommandInput): Promise<TaskRecord> {
  let runId = input.runId;
  let batch: string | null = null;
  let evaluate = input.evaluate;
  let output = input.output;
  if (input.tasks !== undefined) {
    if (input.index === undefined) {
      throw new UserError('--tasks needs --index (the array index, $SLURM_ARRAY_TASK_ID)', {
        fix: 'add --index N; in a Slurm array task, --index "$SLURM_ARRAY_TASK_ID"',
      });
    }
    const manifest = await readTaskManifest(input.tasks);
    const at = manifest.tasks.findIndex((t) => t.index === input.index);
    const entry = manifest.tasks[at];
    if (!entry) {
      throw new UserError(`no task with index ${input.index} in the batch manifest`, {
        file: input.tasks,
        keyPath: 'tasks',
        fix: 'pass an index the manifest lists; if the batch directory was changed after submission, re-run seedstudy to resubmit the missing runs',
      });
    }
    runId ??= entry.runId;
    if (runId !== entry.runId) {
      throw new UserError(
        `--run-id ${runId} disagrees with the manifest's run ${entry.runId} at index ${input.index}`,
        {
          file: input.tasks,
          keyPath: `tasks[${at}].runId`,
          fix: 'drop --run-id (the manifest names the run), or pass the index of that run',
        },
      );
    }
    batch = manifest.batch;
    evaluate ??= manifest.evaluate;
    output ??= manifest.outputDir;
  }
  if (!runId) throw new UserError('no run given', { fix: 'name the run: --run-id ID, or --tasks FILE --index N' });
  const study = await loadStudy(input.studyFile, output !== undefined ? { output } : {});
  const plan = await planStudy(study);
  const spec = plan.runs.find((r) => r.runId === runId);
  if (!spec) {
    throw new UserError(
      `run ${runId} is not in the study's plan any more: the study changed after the job was submitted`,
      {
        file: study.file,
        fix: 'run seedstudy again: it submits the runs of the current plan',
      },
    );
  }
  const arrayJob = process.env.SLURM_ARRAY_JOB_ID;
  const arrayIndex = process.env.SLURM_ARRAY_TASK_ID;
  const taskId = arrayJob && arrayIndex ? `${arrayJob}_${arrayIndex}` : (process.env.SLURM_JOB_ID ?? null);
  return runTask(study, spec, {
    taskId,
    batch,
    evaluate: evaluate ?? true,
    ...(input.signal && { signal: input.signal }),
    ...(input.onEvent && { onEvent: input.onEvent }),
    ...(input.onProgress && { onProgress: input.onProgress }),
  });
}
