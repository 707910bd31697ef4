import type { ArmSummaryRow, BaselineRow, ComparisonRow } from '../report/report-model.js';
import { comparisonVerdict } from '../statistics/verdicts.js';
import { pct, pctInterval, plural, points, pointsInterval, pValue } from './numbers.js';
import { baselineVerdictText, comparisonVerdictClause, seedsNeededPhrase } from './verdicts.js';

/**
 * The verdicts at the top of the report, in plain words built from the report rows (so they
 * always agree with the tables). The analysis's own `headline` sentences are added after these
 * by the model builder, without duplicates.
 */
export function headlineSentences(
  arms: readonly ArmSummaryRow[],
  comparisons: readonly ComparisonRow[],
  baselines: readonly BaselineRow[],
): string[] {
  const out: string[] = [];
  for (const b of baselines) out.push(baselineSentence(b));
  for (const c of comparisons) out.push(comparisonSentence(c));
  for (const a of arms) out.push(armSentence(a));
  return out;
}

/** "82.4% does not reproduce on arm base: P(score ≥ 82.4%) = 3.1% [0.1%, 17.0%] over 8 seeds." */
export function baselineSentence(b: BaselineRow): string {
  if (b.verdict === 'not-comparable') {
    return (
      `${b.name} (${pct(b.claimed)}) ${baselineVerdictText(b.verdict)}, so no number of seeds of arm ${b.arm} ` +
      `can confirm or refute it: ${b.comparabilityProblems.join('; ')}.`
    );
  }
  const verdict = baselineVerdictText(b.verdict);
  const prob =
    b.probAtLeast === null
      ? ''
      : `: P(score ≥ ${pct(b.claimed)}) = ${pct(b.probAtLeast)} ${pctInterval(b.probAtLeastCi)}`;
  const needed = b.verdict === 'inconclusive' && b.seedsNeeded !== null ? `; ${seedsNeededPhrase(b.seedsNeeded)}` : '';
  const why = b.verdictReason ? ` Why: ${b.verdictReason.replace(/\.$/, '')}.` : '';
  return (
    `${b.name} (${pct(b.claimed)}) ${verdict} on arm ${b.arm}${prob} over ` +
    `${plural(b.nSeeds, 'seed')}${needed}.${why}`
  );
}

/** "Arm shuffled scores 45.8 points higher than baseline [17.2, 74.5], Welch p = 0.013: the 95% CI excludes 0." */
export function comparisonSentence(c: ComparisonRow): string {
  if (c.diff === null) return `Arms ${c.a} and ${c.b} could not be compared (too few seeds).`;
  const [hi, lo, d, ci] =
    c.diff >= 0
      ? [c.a, c.b, c.diff, c.ci95]
      : [c.b, c.a, -c.diff, c.ci95 ? { low: -c.ci95.high, high: -c.ci95.low } : null];
  const interval = ci ? ` (95% CI ${pointsInterval(ci).replace(/\+/g, '')})` : '';
  const p = c.welchP === null ? '' : `, Welch p = ${pValue(c.welchP)}`;
  const verdict = ci ? `: ${comparisonVerdictClause(comparisonVerdict(ci))}` : '';
  return `Arm ${hi} scores ${points(d).replace('+', '')} points higher than ${lo}${interval}${p}${verdict}.`;
}

/** "Arm base: mean 61.2% over 4 seeds; one new run would land in [20.1%, 99.0%] (95% prediction interval)." */
export function armSentence(a: ArmSummaryRow): string {
  const spread = a.min !== null && a.max !== null ? `; seeds ranged ${pct(a.min)}–${pct(a.max)}` : '';
  const pi = a.pi95 ? `; one new run would land in ${pctInterval(a.pi95)} (95% prediction interval)` : '';
  return `Arm ${a.arm}: mean ${pct(a.mean)} over ${plural(a.nSeeds, 'seed')}${spread}${pi}.`;
}
