import type { TrainEvent } from '../launch/events.js';
import type { SlurmEvent } from '../launch/slurm/slurm-events.js';
import { planStudy } from './plan-study.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import { validateStudy } from './validate-study.js';
import { loadAnalysisSource } from './analysis-input.js';
import { evalStudy, type EvalStudySummary } from './eval-study.js';
import { reportStudy, type ReportStudyResult } from './report-study.js';
import { runAnalysis } from './run-analysis.js';
import { runSlurmSweep } from './slurm-sweep.js';
import type { TrainSummary } from './train-study.js';
import { localSweep } from './local-sweep.js';
import { acquireStudyLock } from './study-lock.js';
import { runLooks, type LooksEvent } from './run-looks.js';
import type { SequentialOutcome } from './sequential-outcome.js';

/** The choices of `seedstudy run`, already parsed. */
export interface RunStudyOptions {
  studyFile: string;
  output?: string | undefined;
  /** Report directory; default `reports/<study name>/` under `cwd`. */
  to?: string | undefined;
  /** Runs trained at once (local executor). */
  concurrency?: number | undefined;
  /** Slurm: submit and return; a later run collects. */
  detach?: boolean | undefined;
  /** Where a relative `to` and the default report directory are resolved (default: the process's cwd). */
  cwd?: string | undefined;
  /** Python with mlx-lm for local training and eval (default: engine.python, SEEDSTUDY_PYTHON or the venv). */
  python?: string | undefined;
  /** A sequential study: continue under a design edited after the first look (recorded as a redesign). */
  forceRedesign?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: RunStudyEventSink | undefined;
}

/** The stages of `seedstudy run`, in order; `slurm` stands for train and eval together. */
export type RunStage = 'train' | 'slurm' | 'looks' | 'eval' | 'analyze' | 'report';

/**
 * Everything `seedstudy run` tells its caller, as data (the CLI prints it; this code never does).
 * A stage's start, then its events, then its result.
 */
export type RunStudyEvent =
  | { type: 'planned'; study: string; arms: number; seeds: number; runs: number; outputDir: string }
  | { type: 'stage'; stage: RunStage }
  | { type: 'train'; event: TrainEvent }
  | { type: 'slurm'; event: SlurmEvent }
  /** `interrupted`: the sweep was stopped, so the run ends here. */
  | { type: 'trained'; summary: TrainSummary; interrupted: boolean }
  | { type: 'eval-progress'; message: string }
  /** Every run's decision checkpoint is scored: the headline is known; the other checkpoints follow. */
  | { type: 'decided'; result: AnalysisResult }
  | { type: 'evaluated'; summary: EvalStudySummary }
  | { type: 'analyzed'; result: AnalysisResult; written: string | undefined }
  | { type: 'reported'; report: ReportStudyResult }
  /** A sequential study's looks (run-looks.ts): a redesign, a look starting, a look taken. */
  | Extract<LooksEvent, { type: 'redesigned' | 'look-start' | 'look' }>
  /** A sequential study stopped: the decision and what it saved. */
  | { type: 'sequential-stopped'; outcome: SequentialOutcome };

/** Receives the run's events; must not throw. */
export type RunStudyEventSink = (event: RunStudyEvent) => void;

/** What `seedstudy run` ended with. */
export interface RunStudyResult {
  /** `completed`: every stage ran (some runs may have failed: see failedRuns). */
  outcome: 'completed' | 'detached' | 'interrupted';
  /** The stage an interruption stopped. */
  interruptedIn: 'train' | 'slurm' | 'eval' | undefined;
  /** Runs that failed (or, on Slurm, were interrupted); the report covers the others. */
  failedRuns: number;
  train: TrainSummary | undefined;
  eval: EvalStudySummary | undefined;
  analysis: { result: AnalysisResult; written: string | undefined } | undefined;
  report: ReportStudyResult | undefined;
  /** A sequential study: how its looks ended. */
  sequential?: SequentialOutcome | undefined;
  /** Wall time of the whole command, loading the study included. */
  wallS: number;
  /** 0 done (or detached), 1 some run failed, 130 interrupted. */
  exitCode: number;
}

/** The early headline from the decision checkpoints alone; a courtesy, so a failure here is not the run's. */
async function emitHeadline(options: RunStudyOptions, emit: RunStudyEventSink): Promise<void> {
  try {
    const early = await loadAnalysisSource({ study: options.studyFile, output: options.output });
    emit({ type: 'decided', result: (await runAnalysis({ ...early, outputDir: undefined })).result });
  } catch {
    // The full analysis after evaluation reports any problem.
  }
}

/**
 * The stage order of `seedstudy run`: plan → train, with each finished run's decision checkpoint
 * evaluated while the others train → the headline (`decided`) → the remaining checkpoints → analyze
 * → report; or on Slurm one array task per run that trains and evaluates, then analyze → report.
 * Every stage skips what is already done on disk, so re-running after a crash, a Ctrl-C or a failed
 * run picks up where it stopped. A failed run does not stop the study: the report covers the runs
 * that succeeded and the exit code (1) says some did not. The local sweep holds the study lock
 * while it trains and evaluates; the Slurm sweep while it submits and watches.
 */
export async function runStudy(options: RunStudyOptions): Promise<RunStudyResult> {
  const t0 = performance.now();
  const emit = options.onEvent ?? (() => {});
  const signal = options.signal;
  const study = await validateStudy(options.studyFile, options.output !== undefined ? { output: options.output } : {});
  const plan = await planStudy(study);
  emit({
    type: 'planned',
    study: study.name,
    arms: plan.study.arms.length,
    seeds: plan.study.seeds.length,
    runs: plan.runs.length,
    outputDir: study.outputDir,
  });
  const result: RunStudyResult = {
    outcome: 'completed',
    interruptedIn: undefined,
    failedRuns: 0,
    train: undefined,
    eval: undefined,
    analysis: undefined,
    report: undefined,
    wallS: 0,
    exitCode: 0,
  };
  const end = (outcome: RunStudyResult['outcome'], interruptedIn?: RunStudyResult['interruptedIn']) => {
    result.outcome = outcome;
    result.interruptedIn = interruptedIn;
    result.wallS = (performance.now() - t0) / 1000;
    result.exitCode = outcome === 'interrupted' ? 130 : outcome === 'detached' ? 0 : result.failedRuns > 0 ? 1 : 0;
    return result;
  };

  if (study.sequential) {
    emit({ type: 'stage', stage: study.executor.kind === 'slurm' ? 'slurm' : 'looks' });
    const looks = await runLooks(study, plan, {
      forceRedesign: options.forceRedesign,
      concurrency: options.concurrency,
      python: options.python,
      detach: options.detach,
      signal,
      emit: (e) => emit(e.type === 'rest' ? { type: 'stage', stage: 'eval' } : e),
    });
    result.train = looks.train;
    if (looks.outcome === 'detached') return end('detached');
    if (looks.outcome === 'interrupted') return end('interrupted', looks.interruptedIn);
    result.failedRuns = looks.failedRuns;
    result.sequential = looks.sequential;
    emit({ type: 'sequential-stopped', outcome: looks.sequential! });
    if (looks.eval) {
      result.eval = looks.eval;
      emit({ type: 'evaluated', summary: looks.eval });
    }
  } else if (study.executor.kind === 'slurm') {
    emit({ type: 'stage', stage: 'slurm' });
    const sweep = await runSlurmSweep(study, {
      evaluate: true,
      detach: Boolean(options.detach),
      command: 'seedstudy run',
      signal,
      onEvent: (event) => emit({ type: 'slurm', event }),
    });
    if (sweep.detached) return end('detached');
    if (sweep.exitCode === 130 || signal?.aborted) return end('interrupted', 'slurm');
    result.failedRuns = sweep.notSucceeded;
  } else {
    // Local: train and evaluate in one sweep under one lock; a run's decision checkpoint is evaluated
    // as soon as it has trained, in the same model budget as the trainers (ModelSlots).
    const lock = await acquireStudyLock(study.outputDir, 'seedstudy run');
    try {
      const sweep = await localSweep(study, plan, {
        runs: plan.runs,
        concurrency: options.concurrency,
        python: options.python,
        signal,
        onTrainStart: () => emit({ type: 'stage', stage: 'train' }),
        onTrainEvent: (event) => emit({ type: 'train', event }),
        onEvalProgress: (message) => emit({ type: 'eval-progress', message }),
        onDecisionCheckpoints: () => emitHeadline(options, emit),
        onTrained: (summary, interrupted) => {
          emit({ type: 'trained', summary, interrupted });
          if (!interrupted) emit({ type: 'stage', stage: 'eval' });
        },
      });
      result.train = sweep.train;
      if (sweep.interrupted) return end('interrupted', 'train');
      result.failedRuns = sweep.train.failed.length;
      result.eval = sweep.eval;
    } finally {
      await lock.release();
    }
    if (signal?.aborted || !result.eval) return end('interrupted', 'eval');
    emit({ type: 'evaluated', summary: result.eval });
  }

  if (study.executor.kind === 'slurm') {
    emit({ type: 'stage', stage: 'eval' });
    result.eval = await evalStudy(study, {
      ...(signal && { signal }),
      ...(options.python !== undefined && { python: options.python }),
      onProgress: (message) => emit({ type: 'eval-progress', message }),
      onDecisionCheckpoints: () => emitHeadline(options, emit),
    });
    if (signal?.aborted) return end('interrupted', 'eval');
    emit({ type: 'evaluated', summary: result.eval });
  }

  emit({ type: 'stage', stage: 'analyze' });
  const source = await loadAnalysisSource({ study: options.studyFile, output: options.output });
  result.analysis = await runAnalysis(source);
  emit({ type: 'analyzed', ...result.analysis });

  emit({ type: 'stage', stage: 'report' });
  result.report = await reportStudy(study, { analysis: result.analysis.result, to: options.to, cwd: options.cwd });
  emit({ type: 'reported', report: result.report });
  return end('completed');
}
