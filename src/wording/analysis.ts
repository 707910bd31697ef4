import type { AnalysisResult, AnalysisStatistics, BaselineStatistics } from '../statistics/analysis-result.js';
import type { BaselineJson } from '../statistics/analysis-result.js';
import { analysisVerdicts } from './analysis-sentences.js';
import { armNoteSentences } from './arm-notes.js';
import { wordComparability, wordRunsComparability } from './comparability.js';
import { reproductionReason } from './reproduction-reason.js';
import { verdictText } from './verdict.js';

/**
 * The analysis document as written and printed: statistics/analyze.ts computes the numbers and
 * codes, this adds the words: the comparability gate's problems and reason, each claim's verdict
 * reason, the arms' notes (once each, in `warnings`), and the headline (the verdicts of
 * analysis-sentences.ts as text), keeping the document's key order.
 */
export function withHeadline(r: AnalysisStatistics): AnalysisResult {
  const { schema_version, settings, data, baselines: computed, ...rest } = r;
  const baselines = computed.map(wordBaseline);
  const { arms, comparisons, single_runs: runs, warnings: computedWarnings, ...others } = rest;
  const single_runs = runs.map((s) => ({ ...s, comparability: wordRunsComparability(s.comparability) }));
  const headline = analysisVerdicts({ arms, comparisons, baselines, single_runs }).map(verdictText);
  const warnings = [...armNoteSentences(arms), ...computedWarnings];
  return { schema_version, settings, data, headline, arms, comparisons, baselines, single_runs, ...others, warnings };
}

/** A baseline with its words: the gate's problems and reason, and the clause of the rule that decided. */
export function wordBaseline(b: BaselineStatistics): BaselineJson {
  const comparability = wordComparability(b.comparability);
  const verdictReason =
    b.verdict === 'not-comparable' ? `not comparable: ${comparability.reason}` : reproductionReason(b.verdict_basis);
  return { ...b, comparability, verdict_reason: verdictReason };
}
