import type { ArmSummaryRow } from '../report/report-model.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import { analysisVerdicts } from './analysis-sentences.js';
import { pct, pctInterval } from './numbers.js';
import type { Verdict } from './verdict.js';

/**
 * The verdicts at the top of the report: with an analysis, exactly the CLI's (analysis-sentences.ts),
 * so the terminal, index.html and report.md read the same; without one (no summary.json), one
 * descriptive verdict per arm from the report's own rows.
 */
export function reportVerdicts(analysis: AnalysisResult | null, arms: readonly ArmSummaryRow[]): Verdict[] {
  return analysis ? analysisVerdicts(analysis) : arms.map(armRowVerdict);
}

/** "Arm base scores about 61.2% (its 4 seeds ranged 40.2%–70.4%)." from a report row. */
function armRowVerdict(a: ArmSummaryRow): Verdict {
  if (a.mean === null) return { tone: 'neutral', plain: `Arm ${a.arm} has no scored seed yet.`, numbers: '' };
  const spread =
    a.min !== null && a.max !== null && a.nSeeds > 1
      ? ` (its ${a.nSeeds} seeds ranged ${pct(a.min)}–${pct(a.max)})`
      : '';
  const plain =
    a.nSeeds === 1
      ? `Arm ${a.arm} was trained once and scored ${pct(a.mean)}, so how much its score varies from run to run is unknown.`
      : `Arm ${a.arm} scores about ${pct(a.mean)}${spread}.`;
  const numbers = a.pi95 ? `One new run: 95% PI ${pctInterval(a.pi95)}; no analysis (summary.json) to say more.` : '';
  return { tone: 'neutral', plain, numbers };
}
