import { formatHistoryChecks } from './format-history.js';
import { analysisVerdicts } from '../wording/analysis-sentences.js';
import { verdictText } from '../wording/verdict.js';
import { checkpointVerdicts } from '../wording/checkpoint-selection.js';
import { formatComparability } from './format-comparability.js';
import type { AnalysisResult, BaselineJson } from '../statistics/analysis-result.js';
import type { ArmComparison } from '../statistics/compare-arms.js';
import {
  fixed,
  pct as percent,
  pct2,
  pEquals,
  percentRange,
  pointsUnsigned,
  pValue,
  sig3,
} from '../wording/numbers.js';

/**
 * Human output of the analysis commands: the same content as `--json`, in sentences and one
 * small table, so a reader never needs the JSON to know what was concluded.
 */

const pct = (x: unknown) => (typeof x === 'number' ? percent(x) : '—');
const iv = (x: unknown) => {
  const v = x as { low?: number; high?: number; status?: string };
  return typeof v?.low === 'number' && typeof v.high === 'number' ? percentRange({ low: v.low, high: v.high }) : '—';
};

const ivRaw = (x: unknown) => {
  const v = x as { low?: number; high?: number };
  return typeof v?.low === 'number' && typeof v.high === 'number'
    ? `[${fixed(v.low, 2)}, ${fixed(v.high, 2)}]`
    : '(no interval)';
};

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd());
}

/** The full `analyze` report in plain text. */
export function formatAnalysis(r: AnalysisResult, written?: string): string {
  const lines: string[] = [];
  const d = r.data;
  lines.push(
    `seedstudy analyze: ${d.arms.length} arm(s); checkpoint policy ${r.settings.checkpoint_policy}; ${r.settings.resamples} resamples; rng seed ${r.settings.rng_seed}`,
    '',
    'What the data say:',
    ...analysisVerdicts(r).map((v) => `  • ${verdictText(v)}`),
    '',
    'Arms (scores in %, intervals over seeds):',
    ...table([
      ['arm', 'seeds', 'data', 'mean', 'sd', '95% CI (mean)', '95% PI (one new run)'],
      ...r.arms.map((a) => [a.arm, String(a.n_seeds), a.granularity, pct(a.mean), pct(a.sd), iv(a.ci95), iv(a.pi95)]),
    ]),
  );
  const checkpoints = (r.checkpoints ?? []).flatMap((cp) =>
    checkpointVerdicts(
      cp,
      (r.correlation ?? []).find((c) => c.arm === cp.arm),
    ),
  );
  if (checkpoints.length) lines.push('', 'Which checkpoint:', ...checkpoints.map((v) => `  • ${verdictText(v)}`));
  if (r.history?.length) lines.push('', ...formatHistoryChecks(r.history));
  if (r.warnings.length) lines.push('', 'Warnings:', ...r.warnings.map((w) => `  ! ${w}`));
  if (r.baselines.length) lines.push('', `Reproduction rule: ${r.reproduction_rule}`);
  if (written) lines.push('', `Wrote ${written}`);
  return `${lines.join('\n')}\n`;
}

/** `reproduce`: one baseline in sentences. */
export function formatBaseline(b: BaselineJson, headline: string, rule: string): string {
  const num = (x: unknown, f: (v: number) => string) => (typeof x === 'number' ? f(x) : '—');
  return [
    headline,
    '',
    `  claim            ${pct(b.claimed)} (${b.name}${b.source ? `, ${b.source}` : ''}) against arm ${b.arm}, ${b.n_seeds} seed(s)${Math.abs(b.claimed_effective - b.claimed) > 1e-12 ? `; seeds are compared with ${pct2(b.claimed_effective)}, the score this eval can produce that it rounds to` : ''}`,
    ...formatComparability(b.comparability),
    `  seeds ≥ claim    ${b.k_at_least} of ${b.n_seeds}; P(run ≥ claim) = ${pct(b.prob_at_least.estimate)} ${iv(b.prob_at_least.ci95)} (Clopper-Pearson)`,
    `  t fit            P(run ≥ claim) = ${pct(b.prob_at_least_t)}; 95% PI ${iv(b.pi95)}; claim inside: ${typeof b.in_pi95 === 'boolean' ? (b.in_pi95 ? 'yes' : 'no') : '—'}`,
    `  percentile       ${num(b.percentile, (v) => fixed(v, 0))} (share of seeds below the claim)`,
    `  rank p           ${num(b.rank_p, pValue)} = (k+1)/(n+1)`,
    b.verdict === 'not-comparable'
      ? `  verdict          not-comparable (see comparability above); the numbers alone: ${b.statistical_verdict}`
      : `  verdict          ${b.verdict} (${b.verdict_reason})`,
    `  seeds to decide  ${num(b.seeds_needed, String)}${b.verdict === 'not-comparable' ? ' (if the claim were comparable)' : ' (if the seeds kept their observed distribution)'}`,
    ...(b.planning
      ? [
          `  planning         seeds for an 80% chance that the rule decides, if a share π of runs reach the claim: ${b.planning.decision.map((d) => `π=${d.pi} → ${typeof d.seeds === 'number' ? d.seeds : '>200'}`).join(', ')} (hardest near π = 0.05, the rule's 1-in-20 boundary)`,
          `                   seeds that must all reach it to show P(run ≥ claim) ≥ r (one-sided 95%): ${b.planning.reliability.map((r) => `r=${r.level} → ${r.seeds}`).join(', ')}`,
        ]
      : []),
    '',
    `Rule: ${rule}`,
    '',
    '',
  ].join('\n');
}

/** `compare`: one comparison in sentences. */
export function formatComparison(c: ArmComparison, headline: string): string {
  const p = (x: unknown) => (typeof x === 'number' ? pEquals(x) : 'p = —');
  const st = (x: unknown) => (typeof x === 'number' ? sig3(x) : '—');
  const lines = [
    headline,
    '',
    `  difference       ${typeof c.diff === 'number' ? `${pointsUnsigned(c.diff)} points` : '—'} ${iv(c.ci95)} (Welch 95% CI), ${c.n_a} vs ${c.n_b} seeds`,
    `  Welch            t = ${st(c.welch_t)}, df = ${st(c.welch_df)}, ${p(c.welch_p)}`,
    `  Mann-Whitney     U = ${st(c.mannwhitney_u)}, ${p(c.mannwhitney_p)} (${c.mannwhitney_method ?? '—'})`,
    `  permutation      ${p(c.permutation_p)} (${c.permutation_method ?? '—'}; smallest possible p with these seeds: ${typeof c.permutation_min_p === 'number' ? pValue(c.permutation_min_p) : '—'})`,
    `  Hedges' g        ${st(c.hedges_g)}`,
    `  P(${c.a} > ${c.b})    ${typeof c.prob_improvement === 'object' && 'estimate' in c.prob_improvement ? `${fixed(c.prob_improvement.estimate, 2)} ${ivRaw(c.prob_improvement.ci95)}` : '—'}`,
  ];
  if (c.paired)
    lines.push(
      `  paired by seed   ${c.paired.seeds.length} shared seeds: mean diff ${pointsUnsigned(c.paired.mean_diff)} points ${iv(c.paired.ci95)}, t ${p(c.paired.t_p)}, sign-flip ${p(c.paired.sign_flip_p)}`,
    );
  return `${lines.join('\n')}\n`;
}
