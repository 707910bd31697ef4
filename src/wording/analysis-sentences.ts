import type { ArmJson, BaselineJson, PairedRunsJson } from '../statistics/analysis-result.js';
import type { ArmComparison } from '../statistics/compare-arms.js';
import { isInsufficient, type Interval, type Maybe } from '../statistics/result.js';
import { comparisonVerdict, singleRunsVerdict } from '../statistics/verdicts.js';
import { fixed, pct, pct0, pEquals, percentRange, points, pointsUnsigned, pValue } from './numbers.js';
import { baselineVerdictText, comparisonVerdictTail, seedsNeededPhrase, singleRunsVerdictText } from './verdicts.js';

/**
 * The plain-English sentences of `analyze` (the headline of the human output, of summary.json
 * and of `compare` / `reproduce`). Each sentence states the number, its interval, the n it
 * rests on, and what it does not say.
 */

/** "+20.4 points". */
function signedPoints(x: number): string {
  return `${points(x)} points`;
}

function pctRange(iv: Maybe<Interval>): string {
  if (isInsufficient(iv)) return '[no interval]';
  return `[${pct(iv.low)}, ${pct(iv.high)}]`;
}

function range(iv: Maybe<Interval | { low: number; high: number }>): string {
  if (isInsufficient(iv)) return `[interval not available: ${iv.reason}]`;
  return percentRange(iv);
}

/** One sentence per arm. */
export function armSentence(a: ArmJson): string {
  if (a.n_seeds === 0) return `${a.arm}: no seed has scores at the chosen checkpoint.`;
  if (a.n_seeds === 1) {
    const r = a.run_precision[0]!;
    const prec = [
      typeof r.se_prompts === 'number' ? `prompt-sampling SE ${pointsUnsigned(r.se_prompts)} points` : undefined,
      typeof r.se_clustered === 'number' ? `category-clustered SE ${pointsUnsigned(r.se_clustered)} points` : undefined,
    ].filter(Boolean);
    const precision = prec.length ? ` (${prec.join(', ')})` : '';
    return (
      `${a.arm}: one run, ${pct(r.score)} on ${r.n_prompts} prompts${precision}; with one seed the seed-to-seed ` +
      `variation, and so the config's typical score, is unknown.`
    );
  }
  const mean = a.mean as number;
  if (isInsufficient(a.ci95))
    return `${a.arm}: mean ${pct(mean)} over ${a.n_seeds} seeds; no interval (${a.ci95.reason}).`;
  return (
    `${a.arm}: mean ${pct(mean)} over ${a.n_seeds} seeds, 95% CI ${range(a.ci95)} (t, over seeds); one new run: ` +
    `95% PI ${range(a.pi95)}.`
  );
}

/** One sentence per arm comparison. */
export function comparisonSentence(c: ArmComparison): string {
  if (typeof c.diff !== 'number' || typeof c.welch_p !== 'number' || isInsufficient(c.ci95)) {
    const why = [c.diff, c.welch_p].find(isInsufficient);
    const because = why && isInsufficient(why) ? ` (${why.reason})` : '';
    return `${c.a} vs ${c.b}: not testable with ${c.n_a} and ${c.n_b} seeds${because}.`;
  }
  const holm =
    typeof c.welch_p_holm === 'number' && c.welch_p_holm !== c.welch_p
      ? `, Holm-adjusted ${pEquals(c.welch_p_holm)}`
      : '';
  const perm = typeof c.permutation_p === 'number' ? `; permutation ${pEquals(c.permutation_p)}` : '';
  const poi = !isInsufficient(c.prob_improvement)
    ? `; P(${c.a} > ${c.b}) = ${fixed(c.prob_improvement.estimate, 2)}`
    : '';
  const tail = comparisonVerdictTail(comparisonVerdict(c.ci95), c.n_a, c.n_b);
  return (
    `${c.a} vs ${c.b}: ${signedPoints(c.diff)} ${range(c.ci95)}, ${pEquals(c.welch_p)} ` +
    `(Welch${holm})${perm}${poi}.${tail}`
  );
}

/** One sentence per baseline claim. */
export function baselineSentence(b: BaselineJson): string {
  const est = b.prob_at_least.estimate;
  const prob =
    typeof est === 'number'
      ? `P(score ≥ ${pct(b.claimed)}) = ${pct0(est)} ${pctRange(b.prob_at_least.ci95)} (${b.k_at_least} of ` +
        `${b.n_seeds} seeds)`
      : 'no seeds';
  const t = typeof b.prob_at_least_t === 'number' ? `, ${pct(b.prob_at_least_t)} under a t fit` : '';
  const rank = `rank p = ${typeof b.rank_p === 'number' ? pValue(b.rank_p) : 'n/a'}`;
  if (b.verdict === 'not-comparable') {
    const numbers = `the numbers alone: ${prob}${t}; ${rank}; ${b.statistical_verdict}`;
    return (
      `${b.name} (${pct(b.claimed)}) on ${b.arm} ${baselineVerdictText(b.verdict)}: ${b.comparability.reason}. ` +
      `No statistic about these seeds can confirm or refute it (${numbers}).`
    );
  }
  const unverified = b.comparability.verifiable ? '' : ` (Comparability unverified: ${b.comparability.reason}.)`;
  const need =
    typeof b.seeds_needed === 'number' && b.verdict === 'inconclusive'
      ? ` ${capitalise(seedsNeededPhrase(b.seeds_needed))}.`
      : '';
  return (
    `${b.name} (${pct(b.claimed)}) on ${b.arm} ${baselineVerdictText(b.verdict)}: ${prob}${t}; ` +
    `${rank}.${unverified}${need}`
  );
}

/** One sentence per pair of single runs. */
export function singleRunsSentence(r: PairedRunsJson): string {
  const ct = r.clustered_t;
  const main = isInsufficient(ct)
    ? `${r.a} vs ${r.b}: ${signedPoints(r.diff)} on ${r.n_prompts} prompts; no clustered test (${ct.reason})`
    : `${r.a} vs ${r.b}: ${signedPoints(r.diff)} on the same ${r.n_prompts} prompts, category-clustered t = ` +
      `${fixed(ct.t, 2)}, df ${ct.df}, ${pEquals(ct.p)}`;
  const extra = [
    typeof r.sign_flip_p === 'number' ? `sign-flip ${pEquals(r.sign_flip_p)}` : undefined,
    !isInsufficient(r.mcnemar)
      ? `McNemar ${pEquals(r.mcnemar.p)} (${r.mcnemar.a_only} vs ${r.mcnemar.b_only} discordant passes)`
      : undefined,
  ].filter(Boolean);
  const verdict = singleRunsVerdictText(singleRunsVerdict(r), r.comparability.reason);
  const more = extra.length ? `; ${extra.join('; ')}` : '';
  return (
    `${main}${more}. ${verdict} This says nothing about whether either config reliably scores its value: one ` +
    `run each.`
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
