import { UserError } from '../errors/user-error.js';
import { importObservations } from '../results/import-observations.js';
import { loadObservations } from './load-observations.js';
import type { Observation } from '../statistics/observation.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import type { AnalyzeSettings, BaselineClaim } from '../statistics/analyze.js';

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
}

/** Command-line choices shared by the analysis commands. */
export interface AnalysisFlags {
  study?: string | undefined;
  input?: string[] | undefined;
  output?: string | undefined;
  checkpoint?: string | undefined;
  resamples?: number | undefined;
  rngSeed?: number | undefined;
  passThreshold?: number | undefined;
}

const POLICY = /^(final|best-val|step=\d+)$/;

/** Loads observations and settings from a study or from --input files. */
export async function loadAnalysisSource(flags: AnalysisFlags): Promise<AnalysisSource> {
  if (flags.study && flags.input?.length) throw new UserError('give either a study file or --input, not both', { fix: 'drop one of them' });
  if (!flags.study && !flags.input?.length) throw new UserError('nothing to analyse', { fix: 'name a study file, or pass --input FILE (CSV or JSONL)' });
  if (flags.checkpoint !== undefined && !POLICY.test(flags.checkpoint)) {
    throw new UserError(`unknown checkpoint policy "${flags.checkpoint}"`, { keyPath: '--checkpoint', fix: 'use final, best-val or step=N' });
  }
  if (flags.resamples !== undefined && !(Number.isInteger(flags.resamples) && flags.resamples >= 100)) {
    throw new UserError(`--resamples must be an integer ≥ 100, got ${flags.resamples}`, { keyPath: '--resamples', fix: 'use e.g. --resamples 10000' });
  }
  if (flags.rngSeed !== undefined && !Number.isInteger(flags.rngSeed)) throw new UserError(`--rng-seed must be an integer, got ${flags.rngSeed}`, { keyPath: '--rng-seed', fix: 'use e.g. --rng-seed 1' });
  if (flags.study) {
    const { loadStudy } = await import('../study/load-study.js');
    const study = await loadStudy(flags.study, flags.output !== undefined ? { output: flags.output } : {});
    const observations = await loadObservations(study.outputDir);
    const baselines: BaselineClaim[] = study.baselines.map((b) => ({ name: b.name, claimed: b.claimed, arm: b.arm, source: b.source, promptCount: b.prompt_count }));
    return {
      observations,
      categoryLevel: [],
      outputDir: study.outputDir,
      warnings: [],
      settings: {
        checkpoint: flags.checkpoint ?? study.analysis.checkpoint,
        resamples: flags.resamples ?? study.analysis.resamples,
        rngSeed: flags.rngSeed ?? study.analysis.rng_seed,
        passThreshold: flags.passThreshold ?? study.analysis.pass_threshold,
        baselines,
      },
    };
  }
  const data = await importObservations(flags.input!);
  return {
    observations: data.observations,
    categoryLevel: data.categoryLevel,
    outputDir: flags.output,
    warnings: data.warnings,
    settings: {
      checkpoint: flags.checkpoint ?? 'final',
      resamples: flags.resamples ?? 10_000,
      rngSeed: flags.rngSeed ?? 1,
      passThreshold: flags.passThreshold ?? 1,
      baselines: [],
    },
  };
}

/** Arm names present in a source (prompt-level and category-level). */
export function armNames(source: AnalysisSource): string[] {
  return [...new Set([...source.observations, ...source.categoryLevel].map((o) => o.arm))].sort();
}

/** Throws a UserError naming the known arms when `arm` is not one of them. */
export function requireArm(source: AnalysisSource, arm: string, flag: string): void {
  const names = armNames(source);
  if (!names.includes(arm)) throw new UserError(`no arm named "${arm}"`, { keyPath: flag, fix: `use one of: ${names.join(', ')}` });
}
