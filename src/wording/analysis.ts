import type { AnalysisResult, AnalysisStatistics } from '../statistics/analysis-result.js';
import { armSentence, baselineSentence, comparisonSentence, singleRunsSentence } from './analysis-sentences.js';

/**
 * The analysis document as written and printed: statistics/analyze.ts computes the numbers and
 * verdict codes, this adds the headline sentences (single runs, baselines, comparisons, arms),
 * keeping the document's key order.
 */
export function withHeadline(r: AnalysisStatistics): AnalysisResult {
  const { schema_version, settings, data, ...rest } = r;
  const headline = [
    ...r.single_runs.map(singleRunsSentence),
    ...r.baselines.map(baselineSentence),
    ...r.comparisons.map(comparisonSentence),
    ...r.arms.map(armSentence),
  ];
  return { schema_version, settings, data, headline, ...rest };
}
