import type { AnalysisResult } from '../statistics/analysis-result.js';
import type { PowerJson } from '../statistics/analysis-sections-json.js';
import { isInsufficient, type Interval, type Maybe } from '../statistics/result.js';
import type {
  ArmSummaryRow,
  BaselineRow,
  ComparisonRow,
  PowerRow,
  ShownInterval,
  VarianceRow,
} from './report-model.js';

/**
 * Maps the `analyze --json` document onto report rows. Insufficient statistics become null plus
 * a note (the reason, verbatim), so renderers show "n/a" with the why instead of NaN.
 */

/** The value, or null when the statistic was insufficient. */
export function valueOf<T>(x: Maybe<T> | undefined): T | null {
  if (x === undefined || isInsufficient(x)) return null;
  return x;
}

/** An interval as shown, or null. */
export function shown(iv: Maybe<Interval> | undefined): ShownInterval | null {
  const v = valueOf(iv);
  return v ? { low: v.low, high: v.high, method: v.method } : null;
}

/** Why a statistic is missing, when it is. */
function reasonOf(x: unknown): string | null {
  return x !== null && typeof x === 'object' && isInsufficient(x as Maybe<unknown>)
    ? (x as { reason: string }).reason
    : null;
}

/** Arm rows from `arms[]`. */
export function armRowsFromAnalysis(analysis: AnalysisResult): ArmSummaryRow[] {
  return analysis.arms.map((a) => {
    const notes = [a.ci95, a.pi95, a.sd].map(reasonOf).filter((r): r is string => r !== null);
    return {
      arm: a.arm,
      nSeeds: a.n_seeds,
      mean: valueOf(a.mean),
      sd: valueOf(a.sd),
      median: valueOf(a.median),
      iqm: valueOf(a.iqm),
      min: valueOf(a.min),
      max: valueOf(a.max),
      ci95: shown(a.ci95),
      pi95: shown(a.pi95),
      // The arms' notes are in analysis.warnings (worded once); here only why a cell is n/a.
      notes: [...new Set(notes)],
    };
  });
}

/** Comparison rows from `comparisons[]`. */
export function comparisonRowsFromAnalysis(analysis: AnalysisResult): ComparisonRow[] {
  return analysis.comparisons.map((c) => {
    const pi = valueOf(c.prob_improvement);
    return {
      a: c.a,
      b: c.b,
      diff: valueOf(c.diff),
      ci95: shown(c.ci95),
      welchP: valueOf(c.welch_p),
      welchPHolm: valueOf(c.welch_p_holm),
      mannWhitneyP: valueOf(c.mannwhitney_p),
      permutationP: valueOf(c.permutation_p),
      hedgesG: valueOf(c.hedges_g),
      probImprovement: pi ? pi.estimate : null,
      probImprovementCi: pi ? shown(pi.ci95) : null,
    };
  });
}

/** Baseline rows from `baselines[]`. */
export function baselineRowsFromAnalysis(analysis: AnalysisResult): BaselineRow[] {
  return analysis.baselines.map((b) => ({
    name: b.name,
    claimed: b.claimed,
    arm: b.arm,
    source: b.source ?? null,
    percentile: valueOf(b.percentile),
    probAtLeast: valueOf(b.prob_at_least.estimate),
    probAtLeastCi: shown(b.prob_at_least.ci95),
    inPi95: valueOf(b.in_pi95),
    verdict: b.verdict,
    comparabilityProblems: b.comparability.problems,
    verdictReason: b.verdict_reason,
    seedsNeeded: valueOf(b.seeds_needed),
    nSeeds: b.n_seeds,
  }));
}

/** Variance components per arm from `arms[].variance_components` (shares recomputed over what is shown). */
export function varianceRowsFromAnalysis(analysis: AnalysisResult): VarianceRow[] {
  const rows: VarianceRow[] = [];
  for (const a of analysis.arms) {
    const c = valueOf(a.variance_components);
    if (c) rows.push(...varianceRows(a.arm, c));
  }
  return rows;
}

/** The shown rows of one arm's variance components (the analysis's, or statistics/ run on the report's data). */
export function varianceRows(
  arm: string,
  c: { seed: number; prompt: number; residual: number; interaction: number | null; generation: number | null },
): VarianceRow[] {
  const parts: [VarianceRow['component'], number][] = [
    ['between seeds (training)', c.seed],
    ['between prompts', c.prompt],
    ['seed × prompt interaction', c.interaction ?? c.residual],
  ];
  if (c.generation !== null) parts.push(['decoding', c.generation]);
  return withShares(arm, parts);
}

/** Rows for one arm, each with its share of the arm's total (negative estimates count as 0). */
export function withShares(arm: string, parts: readonly [VarianceRow['component'], number][]): VarianceRow[] {
  const clean = parts.map(([c, v]) => [c, Math.max(0, v)] as const);
  const total = clean.reduce((s, [, v]) => s + v, 0);
  return clean.map(([component, variance]) => ({ arm, component, variance, share: total > 0 ? variance / total : 0 }));
}

/** Power rows from `power[]` (arms whose between-seed sd is known). */
export function powerRowsFromAnalysis(analysis: AnalysisResult): PowerRow[] {
  return analysis.power.map(powerRow).filter((p): p is PowerRow => p !== null);
}

/** One arm's power row from its power section; null when the between-seed sd is unknown. */
export function powerRow(p: PowerJson): PowerRow | null {
  const sd = valueOf(p.sd_between_seeds);
  if (sd === null) return null;
  const curve = p.curve
    .map((pt) => ({ delta: pt.delta, seedsPerArm: valueOf(pt.seeds_per_arm) }))
    .filter((pt): pt is { delta: number; seedsPerArm: number } => pt.seedsPerArm !== null);
  const detectableDifference = valueOf(p.detectable_difference);
  return { arm: p.arm, sdBetweenSeeds: sd, nSeeds: p.n_seeds, detectableDifference, curve };
}
