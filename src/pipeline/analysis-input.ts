import { UserError } from '../errors/user-error.js';
import { studyEvalErrorWarnings } from '../evaluation/eval-error-record.js';
import { importInputs } from './import-inputs.js';
import { scoredSoFar, type ScoredCoverage } from './scored-so-far.js';
import { coverageSentence } from '../wording/coverage.js';
import { stoppedCoverageSentence } from '../wording/sequential-decision.js';
import { sequentialProgress, stoppingLook } from './sequential-progress.js';
import { studyLayout } from '../plan/run-layout.js';
import type { HistoryRecordChecks, ImportedOutput } from '../results/import-observations.js';
import { parseImportOptions, type ImportFlags } from '../results/import-options.js';
import type { Observation } from '../statistics/observation.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import type { AnalyzeSettings } from '../statistics/analyze.js';
import type { Study } from '../study/study.js';
import { studyAnalyzeSettings } from './study-claims.js';

/**
 * Where the analysis commands (`analyze`, `reproduce`, `compare`) get their data and settings:
 * a study (its observations.jsonl, pre-registered `analysis` settings and `baselines`) or
 * exported files given with --input. CLI flags override the study's settings, so a
 * non-pre-registered choice is always visible on the command line.
 */
export interface AnalysisSource {
  observations: Observation[];
  categoryLevel: CategoryObservation[];
  settings: AnalyzeSettings;
  /** Where summary.json goes: the study's output dir, or --output with --input. */
  outputDir: string | undefined;
  /** Import warnings (e.g. category percentages 0/0.5/1 scoring cannot produce). */
  warnings: string[];
  /** Summary figures of imported history records, recomputed from their data (history-consistency.ts). */
  historyChecks: HistoryRecordChecks[];
  /** Model outputs that came with imported scores (lm-eval, inspect_ai), for the report's drill-down. */
  outputs: ImportedOutput[];
  /** The --input files, in the order given (empty for a study's own results). */
  inputFiles: string[];
  /** The study plan's key (derived-files.ts) the observations were built for; recorded with summary.json. */
  planKey?: string;
  /** How much of a study the observations cover (absent for --input files and hand-placed observations). */
  coverage?: ScoredCoverage;
}

/** Command-line choices shared by the analysis commands. */
export interface AnalysisFlags extends ImportFlags {
  study?: string | undefined;
  input?: string[] | undefined;
  output?: string | undefined;
  checkpoint?: string | undefined;
  resamples?: number | undefined;
  rngSeed?: number | undefined;
  passThreshold?: number | undefined;
  /** `--score-values 0,0.5,1`: what one prompt can score, for the comparability gate of --input data. */
  scoreValues?: number[] | undefined;
}

const POLICY = /^(final|best-val|step=\d+)$/;

/** Loads observations and settings from a study or from --input files. */
export async function loadAnalysisSource(flags: AnalysisFlags): Promise<AnalysisSource> {
  const importFlagGiven = ['columns', 'defaults', 'seedPattern', 'metric', 'filter'].find(
    (k) => flags[k as keyof ImportFlags] !== undefined,
  );
  if (importFlagGiven && !flags.input?.length) {
    throw new UserError(
      `--${importFlagGiven.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies to --input files only`,
      { fix: 'add --input FILE, or drop the flag' },
    );
  }
  if (!flags.study && !flags.input?.length)
    throw new UserError('nothing to analyse', {
      fix: 'name a study file, or pass --input FILE (CSV, JSONL, a YAML history record, lm-eval samples or an inspect_ai JSON log)',
    });
  if (flags.checkpoint !== undefined && !POLICY.test(flags.checkpoint)) {
    throw new UserError(`unknown checkpoint policy "${flags.checkpoint}"`, {
      keyPath: '--checkpoint',
      fix: 'use final, best-val or step=N',
    });
  }
  if (flags.resamples !== undefined && !(Number.isInteger(flags.resamples) && flags.resamples >= 100)) {
    throw new UserError(`--resamples must be an integer ≥ 100, got ${flags.resamples}`, {
      keyPath: '--resamples',
      fix: 'use e.g. --resamples 10000',
    });
  }
  if (flags.rngSeed !== undefined && !Number.isInteger(flags.rngSeed))
    throw new UserError(`--rng-seed must be an integer, got ${flags.rngSeed}`, {
      keyPath: '--rng-seed',
      fix: 'use e.g. --rng-seed 1',
    });
  if (
    flags.scoreValues !== undefined &&
    (flags.scoreValues.length === 0 || flags.scoreValues.some((v) => !(v >= 0 && v <= 1)))
  ) {
    throw new UserError(`--score-values must be fractions in [0, 1], got ${flags.scoreValues.join(',')}`, {
      keyPath: '--score-values',
      fix: 'e.g. --score-values 0,0.5,1',
    });
  }
  // A study with --input: the study's pre-registration, scorer and baselines applied to results produced
  // elsewhere (e.g. a write-up's tables), so its model and data need not be on this machine.
  const study = flags.study
    ? await (
        await import('../study/load-study.js')
      ).loadStudy(flags.study, {
        ...(flags.output !== undefined && !flags.input?.length ? { output: flags.output } : {}),
        requireModelAndData: !flags.input?.length,
      })
    : undefined;
  const importOptions = parseImportOptions(flags);
  const imported = flags.input?.length ? await importInputs(flags.input, importOptions) : undefined;
  const fromStudy = imported ? undefined : await studyObservations(study!);
  const observations = imported ? imported.observations : fromStudy!.observations;
  const preRegistered = study ? studyAnalyzeSettings(study) : undefined;
  const scoreValues =
    flags.scoreValues !== undefined
      ? { values: [...new Set(flags.scoreValues)].sort((a, b) => a - b), source: '--score-values' }
      : (preRegistered?.scoreValues ?? imported?.scoreValues);
  const partial = fromStudy?.coverage ? await coverageNote(study!, fromStudy.coverage) : null;
  return {
    observations,
    categoryLevel: imported?.categoryLevel ?? [],
    outputDir: imported ? flags.output : study!.outputDir,
    // Prompts that could not be evaluated (the watchdog gave up on them): missing data, said out loud.
    warnings: imported
      ? imported.warnings
      : [...(partial ? [partial] : []), ...(await studyEvalErrorWarnings(study!.outputDir))],
    historyChecks: imported?.historyChecks ?? [],
    outputs: imported?.outputs ?? [],
    inputFiles: [...(flags.input ?? [])],
    ...(fromStudy && { planKey: fromStudy.key }),
    ...(fromStudy?.coverage && { coverage: fromStudy.coverage }),
    settings: {
      checkpoint: flags.checkpoint ?? preRegistered?.checkpoint ?? 'final',
      resamples: flags.resamples ?? preRegistered?.resamples ?? 10_000,
      rngSeed: flags.rngSeed ?? preRegistered?.rngSeed ?? 1,
      passThreshold: flags.passThreshold ?? preRegistered?.passThreshold ?? 1,
      baselines: preRegistered?.baselines ?? [],
      scoreValues,
    },
  };
}

/**
 * A study's scored observations as they are now (scored-so-far.ts): the runs fully evaluated so far,
 * read without taking the study lock, so `analyze` works while `run` trains and evaluates. Nothing
 * scored at all is a UserError that says where the study stands.
 */
async function studyObservations(
  study: Study,
): Promise<{ observations: Observation[]; key: string; coverage: ScoredCoverage | undefined }> {
  const found = await scoredSoFar(study);
  if (found.observations.length === 0) {
    const c = found.coverage;
    const where = c ? ` (0 of ${c.planned} runs fully evaluated${found.running ? '; the study is running' : ''})` : '';
    throw new UserError(`no scored observations yet${where}`, {
      file: studyLayout.observations(study.outputDir),
      fix: found.running
        ? 'wait until a run is trained and evaluated (`seedstudy status` shows when), then run this again'
        : 'run `seedstudy run` (or `train`, `eval` and `score`) first, or analyse exported results with --input FILE',
    });
  }
  return found;
}

/** The coverage warning: a sequential study that stopped says so instead of "partial". */
async function coverageNote(study: Study, coverage: ScoredCoverage): Promise<string | null> {
  const progress = await sequentialProgress(study);
  const stop = stoppingLook(progress);
  if (!stop || coverage.scored >= coverage.planned) return coverageSentence(coverage);
  return stoppedCoverageSentence(coverage.scored, coverage.planned, stop, progress!.looks);
}

/** Arm names present in a source (prompt-level and category-level). */
export function armNames(source: AnalysisSource): string[] {
  return [...new Set([...source.observations, ...source.categoryLevel].map((o) => o.arm))].sort();
}

/** Throws a UserError naming the known arms when `arm` is not one of them. */
export function requireArm(source: AnalysisSource, arm: string, flag: string): void {
  const names = armNames(source);
  if (!names.includes(arm))
    throw new UserError(`no arm named "${arm}"`, { keyPath: flag, fix: `use one of: ${names.join(', ')}` });
}
