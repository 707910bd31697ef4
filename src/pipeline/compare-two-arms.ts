import { UserError } from '../errors/user-error.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import { loadAnalysisSource, requireArm, type AnalysisFlags } from './analysis-input.js';
import { runAnalysis } from './run-analysis.js';

/**
 * `seedstudy compare --arms A B`: checks the two arms exist and differ, then runs the analysis with
 * that one comparison and no baselines. Writes no summary.json (a comparison is not the study's
 * pre-registered analysis).
 */
export async function compareTwoArms(
  arms: readonly string[] | undefined,
  flags: AnalysisFlags,
): Promise<AnalysisResult> {
  if (!arms || arms.length !== 2)
    throw new UserError('compare needs exactly two arms', { keyPath: '--arms', fix: 'pass --arms A B' });
  const [a, b] = arms as [string, string];
  if (a === b) throw new UserError('the two arms are the same', { keyPath: '--arms', fix: 'name two different arms' });
  const source = await loadAnalysisSource(flags);
  requireArm(source, a, '--arms');
  requireArm(source, b, '--arms');
  const { result } = await runAnalysis({ ...source, outputDir: undefined }, { comparisons: [[a, b]], baselines: [] });
  return result;
}
