import type { AnalysisResult, AnalysisStatistics } from '../statistics/analysis-result.js';
import type { BaselineJson, ComparabilityChecks } from '../statistics/analysis-result.js';
import { armSentence, baselineSentence, comparisonSentence, singleRunsSentence } from './analysis-sentences.js';
import { wordComparability, wordRunsComparability } from './comparability.js';

/**
 * The analysis document as written and printed: statistics/analyze.ts computes the numbers and
 * verdict codes, this adds the words: the comparability gate's problems and reason, and the
 * headline sentences (single runs, baselines, comparisons, arms), keeping the document's key order.
 */
export function withHeadline(r: AnalysisStatistics): AnalysisResult {
  const { schema_version, settings, data, baselines: computed, ...rest } = r;
  const baselines = computed.map(wordBaseline);
  const { arms, comparisons, single_runs: runs, ...others } = rest;
  const single_runs = runs.map((s) => ({ ...s, comparability: wordRunsComparability(s.comparability) }));
  const headline = [
    ...single_runs.map(singleRunsSentence),
    ...baselines.map(baselineSentence),
    ...r.comparisons.map(comparisonSentence),
    ...r.arms.map(armSentence),
  ];
  return { schema_version, settings, data, headline, arms, comparisons, baselines, single_runs, ...others };
}

/** A baseline with its gate in words; a not-comparable verdict's reason is the gate's. */
export function wordBaseline(b: BaselineJson<ComparabilityChecks>): BaselineJson {
  const comparability = wordComparability(b.comparability);
  const verdictReason = b.verdict === 'not-comparable' ? `not comparable: ${comparability.reason}` : b.verdict_reason;
  return { ...b, comparability, verdict_reason: verdictReason };
}
