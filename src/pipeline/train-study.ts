import { UserError } from '../errors/user-error.js';
import { resolvePython } from '../engine/python.js';
import type { RunRef, TrainEventSink } from '../launch/events.js';
import { runRef } from '../launch/events.js';
import type { Executor } from '../launch/executor.js';
import { localExecutor } from '../launch/local-executor.js';
import { decideResume, type ResumeDecision } from '../launch/resume-decision.js';
import { findSeedIndependence, type SeedCheckInput, type SeedWarning } from '../launch/seed-check.js';
import { planStudy } from './plan-study.js';
import { runLayout, studyLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { readMetrics } from '../results/metrics-record.js';
import { readRunRecord, type RunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { claimOutputDir } from './output-owner.js';
import { acquireStudyLock } from './study-lock.js';
import { buildPrefixCaches, type PrefixCacheBuilt } from './build-prefix-caches.js';

/** Options of the train stage (CLI flags). */
export interface TrainStudyOptions {
  /** Train only this arm's runs. */
  onlyArm?: string;
  /** Train only these runs (by runId): a sequential study's look. */
  onlyRuns?: ReadonlySet<string>;
  concurrency?: number;
  /** Python with mlx-lm; default: resolvePython(study). */
  python?: string;
  signal?: AbortSignal;
  onEvent?: TrainEventSink;
  /** Default: the local executor. */
  executor?: Executor;
  /** Retrain succeeded runs too (from scratch), e.g. after their checkpoints were edited. */
  force?: boolean;
  /** Skip taking the study lock (the caller, e.g. `seedstudy run`, already holds it). */
  lockHeld?: boolean;
  /** Runs each training in a slot of a budget shared with evaluations (see ModelSlots). */
  trainSlot?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Called for every run that is trained and succeeded: at once for those from earlier, else as each ends. */
  onRunReady?: (spec: RunSpec) => void;
}

/** A run that did not succeed, with where to look. */
export interface TrainFailure extends RunRef {
  reason: string;
  logPath: string;
  errorExcerpt: string[];
}

/** What `seedstudy train` reports at the end; `outcome` decides the exit code (0, 1, 130). */
export interface TrainSummary {
  total: number;
  skipped: number;
  trained: number;
  succeeded: number;
  failed: TrainFailure[];
  interrupted: RunRef[];
  /** Runs not started because the sweep was interrupted. */
  notStarted: RunRef[];
  seedWarnings: SeedWarning[];
  /** Wall time of the stage and the sum of the trainer processes' wall times (for overhead). */
  wallS: number;
  trainerS: number;
  outcome: 'succeeded' | 'failed' | 'interrupted';
  /** The activation caches built or verified first (executor.trainer: prefix-cache), else empty. */
  prefixCaches?: PrefixCacheBuilt[];
}

/**
 * The train stage: expands the plan, takes the study lock, decides per run whether to skip
 * (succeeded, checkpoints intact) or train from scratch, hands the rest to the executor, then
 * checks that seeds actually changed the training. Trainer failures are results, not errors:
 * the sweep goes on and they are listed in the summary.
 */
export async function trainStudy(study: Study, options: TrainStudyOptions = {}): Promise<TrainSummary> {
  const t0 = performance.now();
  const plan = await planStudy(study);
  let runs: RunSpec[] = plan.runs;
  if (options.onlyArm !== undefined) {
    if (!plan.study.arms.includes(options.onlyArm)) {
      throw new UserError(`no arm named "${options.onlyArm}" in the study`, {
        file: study.file,
        fix: `use one of: ${plan.study.arms.join(', ')}`,
      });
    }
    runs = runs.filter((r) => r.arm === options.onlyArm);
  }
  if (options.onlyRuns) runs = runs.filter((r) => options.onlyRuns!.has(r.runId));
  const lock = options.lockHeld ? undefined : await acquireStudyLock(study.outputDir);
  try {
    await claimOutputDir(study);
    const decisions: ResumeDecision[] = [];
    for (const spec of runs) {
      const d = await decideResume(spec, options.onEvent);
      const forced = options.force && d.action === 'skip';
      decisions.push(forced ? { action: 'train', spec, reason: { kind: 'force' }, record: d.record } : d);
    }
    for (const d of decisions) {
      if (d.action !== 'train' || d.reason.kind === 'new') continue;
      options.onEvent?.({ type: 'run-retrain', run: runRef(d.spec), reason: d.reason });
    }
    const toTrain = decisions.filter((d) => d.action === 'train').map((d) => d.spec);
    for (const d of decisions)
      if (d.action === 'skip') {
        options.onEvent?.({ type: 'run-skip', run: runRef(d.spec), reason: 'succeeded earlier; checkpoints verified' });
        options.onRunReady?.(d.spec);
      }

    const python = options.python ?? pythonFor(study);
    const concurrency = options.concurrency ?? study.executor.concurrency;
    options.onEvent?.({
      type: 'sweep-start',
      total: runs.length,
      toRun: toTrain.length,
      skipped: runs.length - toTrain.length,
      concurrency,
    });
    // The prefix-cache trainer's activation caches come first (resumable; verified and kept when complete).
    const prefixCaches =
      python !== undefined && toTrain.length > 0 ? await buildPrefixCaches(study, toTrain, python, options.signal) : [];
    const executor = options.executor ?? localExecutor;
    const records = await executor.execute(study, toTrain, {
      concurrency,
      ...(python !== undefined && { python }),
      ...(options.signal && { signal: options.signal }),
      ...(options.onEvent && { onEvent: options.onEvent }),
      ...(options.trainSlot && { trainSlot: options.trainSlot }),
      ...(options.onRunReady && {
        onRunDone: (spec: RunSpec, record: RunRecord) => {
          if (record.status === 'succeeded') options.onRunReady!(spec);
        },
      }),
    });

    const seedWarnings = await checkSeeds(study, plan.runs);
    for (const w of seedWarnings) options.onEvent?.({ type: 'seed-warning', ...w });
    const summary = summarise(runs.length, decisions, records, toTrain, seedWarnings, (performance.now() - t0) / 1000);
    return { ...summary, prefixCaches };
  } finally {
    await lock?.release();
  }
}

/** The study's interpreter (engine.python, SEEDSTUDY_PYTHON or the project venv). */
function pythonFor(study: Study): string {
  return resolvePython(study).path;
}

/** Compares every pair of succeeded seeds per arm and records the verdict in seed-check.json. */
async function checkSeeds(study: Study, runs: readonly RunSpec[]): Promise<SeedWarning[]> {
  const inputs: SeedCheckInput[] = [];
  for (const spec of runs) {
    const record = await readRunRecord(spec.runDir).catch(() => undefined);
    if (record?.status !== 'succeeded' || record.runId !== spec.runId) continue;
    const metrics = await readMetrics(runLayout.metrics(spec.runDir)).catch(() => []);
    inputs.push({ arm: spec.arm, seed: spec.seed, firstCheckpointSha256: record.firstCheckpointSha256, metrics });
  }
  const warnings = findSeedIndependence(inputs);
  await writeJsonAtomic(studyLayout.seedCheck(study.outputDir), {
    checkedAt: new Date().toISOString(),
    runsCompared: inputs.map((i) => ({ arm: i.arm, seed: i.seed, firstCheckpointSha256: i.firstCheckpointSha256 })),
    ok: warnings.length === 0,
    warnings,
  });
  return warnings;
}

function summarise(
  total: number,
  decisions: readonly ResumeDecision[],
  records: readonly RunRecord[],
  toTrain: readonly RunSpec[],
  seedWarnings: SeedWarning[],
  wallS: number,
): TrainSummary {
  const started = new Set(records.map((r) => r.runId));
  const failed: TrainFailure[] = records
    .filter((r) => r.status === 'failed')
    .map((r) => ({
      ...runRef(r),
      reason: r.failureReason ?? r.exitDescription ?? 'failed',
      logPath: r.logPath,
      errorExcerpt: r.errorExcerpt,
    }));
  const interrupted = records.filter((r) => r.status === 'interrupted').map(runRef);
  const notStarted = toTrain.filter((s) => !started.has(s.runId)).map(runRef);
  const skipped = decisions.filter((d) => d.action === 'skip').length;
  const outcome =
    interrupted.length > 0 || notStarted.length > 0 ? 'interrupted' : failed.length > 0 ? 'failed' : 'succeeded';
  return {
    total,
    skipped,
    trained: records.length,
    succeeded: skipped + records.filter((r) => r.status === 'succeeded').length,
    failed,
    interrupted,
    notStarted,
    seedWarnings,
    wallS,
    trainerS: records.reduce((s, r) => s + (r.durationS ?? 0), 0),
    outcome,
  };
}
