import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import { stringify } from 'yaml';
import { discoverCheckpoints } from '../checkpoints/discover-checkpoints.js';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { fsWriteError } from '../errors/fs-write-error.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { readMetrics, type MetricsRecord } from '../results/metrics-record.js';
import { readRunRecord, writeRunRecord, type RunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { describeExit } from './describe-exit.js';
import { probeEngineVersions, type EngineVersions } from './engine-versions.js';
import { errorExcerpt } from './error-excerpt.js';
import { freshRunRecord } from './fresh-run-record.js';
import { runRef, type TrainEventSink } from './events.js';
import { parseTrainerLogLine } from './parse-log-line.js';
import { assertSameRun } from './same-run.js';
import { materialiseSeedData } from './seed-data.js';
import { toMetricsRecord } from './to-metrics-record.js';
import { trainerArgv } from './trainer-argv.js';
import { keepMetricsThrough, prefixCacheResumePoint } from './prefix-cache-resume.js';
import { prefixCacheDir } from '../plan/prefix-cache-layout.js';
import { trainerOf } from '../study/executor-schema.js';
import { runTrainerProcess } from './trainer-process.js';
import { classifyOutcome, expectedCheckpointSteps } from './classify-outcome.js';

/** Options of a single run's training; everything has a default derived from the study. */
export interface TrainRunOptions {
  /** Python interpreter with mlx-lm; needed unless study.engine.lora_command is set. */
  python?: string;
  /** Engine versions probed once per sweep; probed here when absent. */
  versions?: EngineVersions;
  signal?: AbortSignal;
  onEvent?: TrainEventSink;
  stallTimeoutS?: number;
  graceS?: number;
  /** Slurm bookkeeping to keep in run.json (Slurm array tasks). */
  slurm?: RunRecord['slurm'];
}

const ENV = { PYTHONUNBUFFERED: '1', HF_HUB_OFFLINE: '1' };

/**
 * Trains ONE run from scratch and writes all its records (lora_config.yaml, per-seed data,
 * train.log, metrics.jsonl, run.json with checkpoints and hashes). Independent of any scheduling:
 * the local executor calls it for each run, and Slurm array tasks call it on the node.
 * A previous attempt's adapters and metrics are removed first (a true resume is impossible with
 * mlx-lm, see docs/training.md), except with the prefix-cache trainer, which continues exactly from
 * its last saved state (docs/prefix-cache.md); the old log is kept as train.attempt-N.log.
 */
export async function trainRun(study: Study, spec: RunSpec, options: TrainRunOptions = {}): Promise<RunRecord> {
  const { runDir } = spec;
  const previous = await readRunRecord(runDir);
  assertSameRun(spec, previous);
  const attempts = (previous?.attempts ?? 0) + 1;
  const logPath = runLayout.trainLog(runDir);
  const adaptersDir = runLayout.adapters(runDir);
  const metricsPath = runLayout.metrics(runDir);
  const configPath = runLayout.loraConfig(runDir);

  const trainer = trainerOf(study);
  const prefixCache =
    trainer === 'prefix-cache' ? { cacheDir: prefixCacheDir(study.outputDir, spec.config) } : undefined;
  // The prefix-cache trainer continues exactly from its last saved state (same runId, checked above).
  const resumedFrom = prefixCache && previous ? await prefixCacheResumePoint(adaptersDir) : null;

  await mkdir(runDir, { recursive: true });
  if (resumedFrom === null) {
    await rm(adaptersDir, { recursive: true, force: true });
    await rm(metricsPath, { force: true });
  } else await keepMetricsThrough(metricsPath, resumedFrom);
  if (previous) await rename(logPath, `${runDir}/train.attempt-${previous.attempts}.log`).catch(() => undefined);
  await rm(logPath, { force: true });
  await writeFileAtomic(configPath, stringify(spec.config));
  if (spec.config.data === runLayout.data(runDir)) await materialiseSeedData(study.data, spec.config.data, spec.seed);

  const argv = trainerArgv(study.engine, options.python, configPath, prefixCache);
  const versions = options.versions ?? (await probeEngineVersions(options.python));
  const hf = study.hfModel;
  const record = freshRunRecord(spec, {
    status: 'running',
    attempts,
    startedAt: new Date().toISOString(),
    pid: process.pid,
    command: argv,
    versions,
    ...(options.slurm && { slurm: options.slurm }),
    ...(hf?.commit && { hfModel: { repo: hf.repo, revision: hf.revision, commit: hf.commit } }),
  });
  record.trainer = trainer;
  if (resumedFrom !== null) record.resumedFromIteration = resumedFrom;
  await writeRunRecord(runDir, record);
  try {
    return await trainStarted(study, spec, record, argv, options);
  } catch (error) {
    // Disk full, read-only, or a bug after the run was marked running: never leave it `running`
    // (best effort: on a full disk this write may fail too; then the dead pid says the same).
    const reason = error instanceof Error ? error.message : String(error);
    const endedAt = new Date().toISOString();
    const stopped: RunRecord = { ...record, status: 'interrupted', endedAt, failureReason: reason };
    await writeRunRecord(runDir, stopped).catch(() => undefined);
    throw fsWriteError(error);
  }
}

/** The part of trainRun after run.json says `running`: the trainer, its metrics and the final record. */
async function trainStarted(
  study: Study,
  spec: RunSpec,
  record: RunRecord,
  argv: string[],
  options: TrainRunOptions,
): Promise<RunRecord> {
  const { runDir } = spec;
  const executor = study.executor;
  const logPath = runLayout.trainLog(runDir);
  const metricsPath = runLayout.metrics(runDir);
  const adaptersDir = runLayout.adapters(runDir);
  const ref = runRef(spec);
  const totalIters = Number(spec.config.iters ?? 1000);
  options.onEvent?.({ type: 'run-start', run: ref, attempt: record.attempts, totalIters, logPath });
  const metrics = createWriteStream(metricsPath, { flags: record.resumedFromIteration ? 'a' : 'w' });
  let metricsError: unknown;
  const stopTrainer = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopTrainer.signal]) : stopTrainer.signal;
  metrics.on('error', (error) => {
    metricsError ??= error;
    stopTrainer.abort(); // stops the trainer (SIGTERM, then SIGKILL): never orphaned
  });
  const t0 = performance.now();
  let lastIteration: number | null = null;
  let firstValLoss: number | null | undefined;
  let lastTrain: number | null | undefined;
  let lastVal: number | null | undefined;
  let pidWrite: Promise<void> = Promise.resolve();
  if (record.resumedFromIteration) {
    // What the first attempt measured before the state the trainer resumes from (kept in metrics.jsonl).
    const kept = await readMetrics(metricsPath);
    const firstVal = kept.find((m) => m.kind === 'val');
    if (firstVal) firstValLoss = firstVal.val_loss ?? null;
    lastIteration = record.resumedFromIteration;
  }

  const onLine = (line: string) => {
    const parsed = parseTrainerLogLine(line);
    if (!parsed) return;
    const elapsedS = (performance.now() - t0) / 1000;
    const m: MetricsRecord | undefined = toMetricsRecord(parsed, elapsedS, lastIteration);
    if (!m) return;
    if (!metrics.destroyed) metrics.write(`${JSON.stringify(m)}\n`);
    if (m.iteration !== null && m.kind !== 'test')
      lastIteration = Math.max(lastIteration ?? 0, m.kind === 'val' ? m.step! : m.iteration);
    if (m.kind === 'train') lastTrain = m.train_loss;
    if (m.kind === 'val') {
      lastVal = m.val_loss;
      if (firstValLoss === undefined) firstValLoss = m.val_loss ?? null;
    }
    if (m.kind === 'save') options.onEvent?.({ type: 'run-checkpoint', run: ref, step: m.step!, file: m.checkpoint! });
    else if (m.kind !== 'test') {
      options.onEvent?.({
        type: 'run-progress',
        run: ref,
        iteration: lastIteration ?? 0,
        totalIters,
        trainLoss: lastTrain,
        valLoss: lastVal,
        elapsedS,
      });
    }
  };

  const outcome = await runTrainerProcess({
    argv,
    cwd: runDir,
    env: ENV,
    logPath,
    stallTimeoutS: options.stallTimeoutS ?? executor.stall_timeout_s,
    graceS: options.graceS ?? executor.grace_s,
    signal,
    onLine,
    onSpawn: (pid) => {
      pidWrite = writeRunRecord(runDir, { ...record, trainerPid: pid });
      record.trainerPid = pid;
    },
  });
  if (!metrics.closed) {
    const closed = once(metrics, 'close');
    metrics.end();
    await closed.catch(() => undefined);
  }
  await pidWrite.catch(() => undefined);
  if (outcome.logError !== undefined) throw fsWriteError(outcome.logError, logPath);
  if (metricsError !== undefined) throw fsWriteError(metricsError, metricsPath);

  const found = await discoverCheckpoints(adaptersDir);
  const verdict = classifyOutcome(outcome, found, expectedCheckpointSteps(spec.config));
  const final: RunRecord = {
    ...record,
    status: verdict.status,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    exitDescription: describeExit(outcome),
    failureReason: verdict.failureReason,
    stalled: outcome.stalled,
    cancelled: outcome.cancelled,
    endedAt: new Date().toISOString(),
    durationS: Math.round(outcome.durationS * 1000) / 1000,
    checkpoints: found.valid,
    invalidCheckpoints: found.invalid.map(({ file, size, reason }) => ({ file, size, reason })),
    firstValLoss: firstValLoss ?? null,
    firstCheckpointSha256: found.valid[0]?.sha256 ?? null,
    lastIteration,
    errorExcerpt: verdict.status === 'succeeded' ? [] : [...errorExcerpt(outcome.tail), ...verdict.extraExcerpt],
  };
  await writeRunRecord(runDir, final);
  options.onEvent?.({ type: 'run-end', run: ref, record: final });
  return final;
}
