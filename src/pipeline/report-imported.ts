import { basename, join, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { buildReportModel } from '../report/build-report-model.js';
import type { ReportInput, ReportOutput } from '../report/report-input.js';
import { writeReport } from '../report/write-report.js';
import { armNames, type AnalysisSource } from './analysis-input.js';
import { seedstudyVersion, type ReportStudyResult } from './report-study.js';
import { runAnalysis } from './run-analysis.js';

/** Options of `reportImported`. */
export interface ReportImportedOptions {
  /** Report title and default directory name (`reports/<name>/`); default "imported". */
  name?: string | undefined;
  /** Report directory; default `reports/<name>/` under `cwd`. */
  to?: string | undefined;
  cwd?: string | undefined;
  png?: boolean | undefined;
  /** The band around the mean over seeds in the curve charts (`report --band`). */
  band?: ReportInput['band'];
  /** Injected clock for the provenance line (tests pin it). */
  now?: (() => Date) | undefined;
}

/**
 * `seedstudy report --input FILE...`: the full report (HTML, Markdown, charts, CSV) for results
 * seedstudy did not produce (its CSV/JSONL, lm-eval samples, inspect_ai logs, history records),
 * with the same analysis `analyze --input` prints. The drill-down shows the imported outputs
 * where the files carry them. Category-level records have no per-prompt scores to chart, so
 * they stay in `analyze`; a report of only such records is refused with that advice.
 */
export async function reportImported(
  source: AnalysisSource,
  options: ReportImportedOptions = {},
): Promise<ReportStudyResult> {
  if (source.observations.length === 0) {
    throw new UserError(
      'the --input files hold only category-level results, which have no per-prompt scores to report',
      {
        fix: 'use `seedstudy analyze --input …` for category-level records; the report needs per-prompt scores',
      },
    );
  }
  const { result } = await runAnalysis(source);
  const name = options.name ?? 'imported';
  const cwd = options.cwd ?? process.cwd();
  const reportDir = options.to !== undefined ? resolve(cwd, options.to) : join(cwd, 'reports', name);
  const files = [...new Set(source.inputFiles)].map((f) => basename(f));
  const outputs: ReportOutput[] = source.outputs.map((o) => ({
    arm: o.arm,
    seed: o.seed,
    step: o.checkpoint,
    promptId: o.promptId,
    output: o.output,
    reason: o.reason,
  }));
  const model = buildReportModel({
    study: {
      name,
      description: `Imported results (${files.length === 1 ? files[0] : `${files.length} files`}); not trained or evaluated by seedstudy, so no run provenance.`,
      arms: armNames(source).filter((arm) => source.observations.some((o) => o.arm === arm)),
      checkpointPolicy: source.settings.checkpoint,
      passThreshold: source.settings.passThreshold,
    },
    observations: source.observations,
    analysis: result,
    outputs,
    band: options.band,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    seedstudyVersion: await seedstudyVersion(),
  });
  const written = await writeReport(model, reportDir, { png: options.png ?? true });
  return { ...written, model };
}
