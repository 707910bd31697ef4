import { isInsufficient, type Interval, type Maybe } from './result.js';
import { seedsNeededPhrase } from './baseline-reproduction.js';
import type { ArmJson, BaselineJson, PairedRunsJson } from './analysis-result.js';
import type { ArmComparison } from './compare-arms.js';

/**
 * The plain-English sentences of `analyze` (human output and the report's summary). Each
 * sentence states the number, its interval, the n it rests on, and what it does not say.
 */

/** 0.389 → "38.9%". */
export function pct(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

/** 0.204 → "+20.4 points". */
export function points(x: number, digits = 1): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(digits)} points`;
}

/** p-value with sensible precision. */
export function pval(p: number): string {
  if (p < 0.0001) return 'p < 0.0001';
  return `p = ${p >= 0.1 ? p.toFixed(2) : p.toPrecision(2)}`;
}

function pctRange(iv: Maybe<Interval>): string {
  if (isInsufficient(iv)) return '[no interval]';
  return `[${pct(iv.low)}, ${pct(iv.high)}]`;
}

function range(iv: Maybe<Interval | { low: number; high: number }>, scale = 100): string {
  if (isInsufficient(iv)) return `[interval not available: ${iv.reason}]`;
  return `[${(scale * iv.low).toFixed(1)}, ${(scale * iv.high).toFixed(1)}]`;
}

/** One sentence per arm. */
export function armSentence(a: ArmJson): string {
  if (a.n_seeds === 0) return `${a.arm}: no seed has scores at the chosen checkpoint.`;
  if (a.n_seeds === 1) {
    const r = a.run_precision[0]!;
    const prec = [
      typeof r.se_prompts === 'number' ? `prompt-sampling SE ${(100 * r.se_prompts).toFixed(1)} points` : undefined,
      typeof r.se_clustered === 'number' ? `category-clustered SE ${(100 * r.se_clustered).toFixed(1)} points` : undefined,
    ].filter(Boolean);
    return `${a.arm}: one run, ${pct(r.score)} on ${r.n_prompts} prompts${prec.length ? ` (${prec.join(', ')})` : ''}; with one seed the seed-to-seed variation, and so the config's typical score, is unknown.`;
  }
  const mean = a.mean as number;
  if (isInsufficient(a.ci95)) return `${a.arm}: mean ${pct(mean)} over ${a.n_seeds} seeds; no interval (${a.ci95.reason}).`;
  return `${a.arm}: mean ${pct(mean)} over ${a.n_seeds} seeds, 95% CI ${range(a.ci95)} (t, over seeds); one new run: 95% PI ${range(a.pi95)}.`;
}

/** One sentence per arm comparison. */
export function comparisonSentence(c: ArmComparison): string {
  if (typeof c.diff !== 'number' || typeof c.welch_p !== 'number' || isInsufficient(c.ci95)) {
    const why = [c.diff, c.welch_p].find(isInsufficient);
    return `${c.a} vs ${c.b}: not testable with ${c.n_a} and ${c.n_b} seeds${why && isInsufficient(why) ? ` (${why.reason})` : ''}.`;
  }
  const holm = typeof c.welch_p_holm === 'number' && c.welch_p_holm !== c.welch_p ? `, Holm-adjusted ${pval(c.welch_p_holm)}` : '';
  const perm = typeof c.permutation_p === 'number' ? `; permutation ${pval(c.permutation_p)}` : '';
  const poi = !isInsufficient(c.prob_improvement) ? `; P(${c.a} > ${c.b}) = ${c.prob_improvement.estimate.toFixed(2)}` : '';
  const spans = c.ci95.low <= 0 && c.ci95.high >= 0;
  const tail = spans ? ` Not distinguishable with ${c.n_a} and ${c.n_b} seeds.` : '';
  return `${c.a} vs ${c.b}: ${points(c.diff)} ${range(c.ci95)}, ${pval(c.welch_p)} (Welch${holm})${perm}${poi}.${tail}`;
}

/** One sentence per baseline claim. */
export function baselineSentence(b: BaselineJson): string {
  const est = b.prob_at_least.estimate;
  const prob = typeof est === 'number' ? `P(score ≥ ${pct(b.claimed)}) = ${pct(est, 0)} ${pctRange(b.prob_at_least.ci95)} (${b.k_at_least} of ${b.n_seeds} seeds)` : 'no seeds';
  const t = typeof b.prob_at_least_t === 'number' ? `, ${pct(b.prob_at_least_t)} under a t fit` : '';
  const rank = `rank p = ${typeof b.rank_p === 'number' ? b.rank_p.toFixed(2) : 'n/a'}`;
  if (b.verdict === 'not-comparable') {
    return `${b.name} (${pct(b.claimed)}) on ${b.arm} is not comparable with this eval: ${b.comparability.reason}. No statistic about these seeds can confirm or refute it (the numbers alone: ${prob}${t}; ${rank}; ${b.statistical_verdict}).`;
  }
  const words = { reproduces: 'reproduces', 'does-not-reproduce': 'does not reproduce', inconclusive: 'is inconclusive' }[b.verdict];
  const unverified = b.comparability.verifiable ? '' : ` (Comparability unverified: ${b.comparability.reason}.)`;
  const need = typeof b.seeds_needed === 'number' && b.verdict === 'inconclusive' ? ` ${capitalise(seedsNeededPhrase(b.seeds_needed))}.` : '';
  return `${b.name} (${pct(b.claimed)}) on ${b.arm} ${words}: ${prob}${t}; ${rank}.${unverified}${need}`;
}

/** One sentence per pair of single runs. */
export function singleRunsSentence(r: PairedRunsJson): string {
  const ct = r.clustered_t;
  const main = isInsufficient(ct)
    ? `${r.a} vs ${r.b}: ${points(r.diff)} on ${r.n_prompts} prompts; no clustered test (${ct.reason})`
    : `${r.a} vs ${r.b}: ${points(r.diff)} on the same ${r.n_prompts} prompts, category-clustered t = ${ct.t.toFixed(2)}, df ${ct.df}, ${pval(ct.p)}`;
  const extra = [
    typeof r.sign_flip_p === 'number' ? `sign-flip ${pval(r.sign_flip_p)}` : undefined,
    !isInsufficient(r.mcnemar) ? `McNemar ${pval(r.mcnemar.p)} (${r.mcnemar.a_only} vs ${r.mcnemar.b_only} discordant passes)` : undefined,
  ].filter(Boolean);
  const differ = !isInsufficient(ct) && ct.p < 0.05;
  const verdict = !r.comparability.passed
    ? ` This is not a like-for-like comparison: ${r.comparability.reason}, so the two were not scored the same way and the test says nothing about the models.`
    : differ
      ? r.comparability.verifiable
        ? ' These two runs are different models on this prompt set.'
        : ` These two runs are different models on this prompt set, if both were scored the same way (${r.comparability.reason}).`
      : ' The gap is within what prompt sampling explains.';
  return `${main}${extra.length ? `; ${extra.join('; ')}` : ''}.${verdict} This says nothing about whether either config reliably scores its value: one run each.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
