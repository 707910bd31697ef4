import { studyLayout } from '../plan/run-layout.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import { analyze, type AnalysisResult, type AnalyzeSettings } from '../statistics/analyze.js';
import { withHeadline } from '../wording/analysis.js';
import { UserError } from '../errors/user-error.js';
import type { AnalysisSource } from './analysis-input.js';
import { recordDerived } from './derived-files.js';

/**
 * The analysis stage: runs `analyze` on a loaded source and writes `summary.json` (the input of
 * the report stage) when there is an output directory. Import warnings join the result's
 * warnings so neither the JSON nor the human output can lose them.
 */
export async function runAnalysis(
  source: AnalysisSource,
  overrides: Partial<AnalyzeSettings> = {},
): Promise<{ result: AnalysisResult; written: string | undefined }> {
  let result: AnalysisResult;
  try {
    result = withHeadline(analyze(source.observations, { ...source.settings, ...overrides }, source.categoryLevel));
  } catch (error) {
    // analyze throws RangeError for choices the user made (unknown arm, unknown policy).
    if (error instanceof RangeError)
      throw new UserError(error.message, { fix: 'check the arm names and options given' });
    throw error;
  }
  result.warnings.unshift(...source.warnings);
  if (source.historyChecks.length) result.history = source.historyChecks;
  let written: string | undefined;
  if (source.outputDir !== undefined) {
    written = studyLayout.summary(source.outputDir);
    await writeJsonAtomic(written, result);
    if (source.planKey !== undefined) await recordDerived(source.outputDir, 'summary', source.planKey);
  }
  return { result, written };
}
