import type { AnalysisResult, ArmJson, PairedRunsJson } from '../statistics/analysis-result.js';
import type { ArmComparison } from '../statistics/compare-arms.js';
import { isInsufficient, type Interval, type Maybe } from '../statistics/result.js';
import { comparisonVerdict, singleRunsVerdict } from '../statistics/verdicts.js';
import { baselineVerdictOf } from './baseline-verdict.js';
import { fixed, pct, pEquals, percentRange, points, pointsUnsigned } from './numbers.js';
import { perSeedText, type Verdict } from './verdict.js';

/**
 * The verdicts of an analysis (single runs, claims, comparisons, arms), most important first: the
 * one list the CLI (`analyze`, `run`, `report`), summary.json's headline, the HTML and the
 * Markdown print, so the same analysis reads the same everywhere. Each opens with a plain
 * sentence, then gives the numbers, the n they rest on, and what they do not say.
 */
export function analysisVerdicts(
  r: Pick<AnalysisResult, 'arms' | 'comparisons' | 'baselines' | 'single_runs'>,
): Verdict[] {
  const arm = (name: string) => r.arms.find((a) => a.arm === name);
  return [
    ...r.single_runs.map(singleRunsVerdictOf),
    ...r.baselines.map((b) => baselineVerdictOf(b, arm(b.arm))),
    ...r.comparisons.map((c) => comparisonVerdictOf(c, arm(c.a)?.mean, arm(c.b)?.mean)),
    ...r.arms.map(armVerdictOf),
  ];
}

const range = (iv: Maybe<Interval>): string => (isInsufficient(iv) ? `[no interval: ${iv.reason}]` : percentRange(iv));

/** One arm over its seeds: what a run of this config typically scores and where a new one would land. */
export function armVerdictOf(a: ArmJson): Verdict {
  if (a.n_seeds === 0)
    return { tone: 'neutral', plain: `Arm ${a.arm} has no seed with scores at the chosen checkpoint.`, numbers: '' };
  if (a.n_seeds === 1) {
    const r = a.run_precision[0]!;
    const prec = [
      typeof r.se_prompts === 'number' ? `prompt-sampling SE ${pointsUnsigned(r.se_prompts)} points` : undefined,
      typeof r.se_clustered === 'number' ? `category-clustered SE ${pointsUnsigned(r.se_clustered)} points` : undefined,
    ].filter(Boolean);
    return {
      tone: 'neutral',
      plain: `Arm ${a.arm} was trained once and scored ${pct(r.score)}, so how much its score varies from run to run is unknown.`,
      numbers: `One run on ${r.n_prompts} prompts${prec.length ? ` (${prec.join(', ')})` : ''}; train more seeds to learn the config's typical score.`,
    };
  }
  const mean = a.mean as number;
  const lo = typeof a.min === 'number' ? a.min : mean;
  const hi = typeof a.max === 'number' ? a.max : mean;
  const twoGroups = (a.notes ?? []).find(
    (n): n is Extract<ArmJson['notes'][number], { code: 'two-groups' }> =>
      typeof n === 'object' && n !== null && n.code === 'two-groups',
  );
  const landing = isInsufficient(a.pi95)
    ? ''
    : `; a new run would most likely land between ${pct(a.pi95.low)} and ${pct(a.pi95.high)}`;
  const plain = twoGroups
    ? `Arm ${a.arm}'s seeds split into two groups, ${twoGroups.low.size} around ${pct(twoGroups.low.mean)} and ` +
      `${twoGroups.high.size} around ${pct(twoGroups.high.mean)}, so its average of ${pct(mean)} describes no actual run.`
    : `Arm ${a.arm} scores about ${pct(mean)} (its ${a.n_seeds} seeds ranged ${pct(lo)}–${pct(hi)})${landing}.`;
  const ci = isInsufficient(a.ci95) ? `no interval (${a.ci95.reason})` : `95% CI ${range(a.ci95)} (t, over seeds)`;
  const pi = isInsufficient(a.pi95) ? '' : `; one new run: 95% PI ${range(a.pi95)}`;
  const seeds = a.per_seed.length <= 12 ? ` Seeds: ${perSeedText(a.per_seed, pct)}.` : '';
  return { tone: 'neutral', plain, numbers: `Mean ${pct(mean)} over ${a.n_seeds} seeds, ${ci}${pi}.${seeds}` };
}

/** Arm A against arm B over seeds: is the gap more than seed-to-seed luck? */
export function comparisonVerdictOf(c: ArmComparison, meanA?: unknown, meanB?: unknown): Verdict {
  if (typeof c.diff !== 'number' || typeof c.welch_p !== 'number' || isInsufficient(c.ci95)) {
    const why = [c.diff, c.welch_p].find(isInsufficient);
    return {
      tone: 'neutral',
      plain: `Arms ${c.a} and ${c.b} cannot be compared yet: a comparison over seeds needs at least 2 seeds in each (they have ${c.n_a} and ${c.n_b}).`,
      numbers: why && isInsufficient(why) ? `(${why.reason}.)` : '',
    };
  }
  const flip = c.diff < 0;
  const [hi, lo] = flip ? [c.b, c.a] : [c.a, c.b];
  const [mHi, mLo] = flip ? [meanB, meanA] : [meanA, meanB];
  const gap = `${pointsUnsigned(Math.abs(c.diff))} points`;
  const gapAdj = `${pointsUnsigned(Math.abs(c.diff))}-point`;
  const means = typeof mHi === 'number' && typeof mLo === 'number' ? ` (${pct(mHi)} vs ${pct(mLo)})` : '';
  const seeds = c.n_a === c.n_b ? `${c.n_a} seeds each` : `${c.n_a} and ${c.n_b} seeds`;
  const differs = comparisonVerdict(c.ci95) === 'differs';
  const permP = typeof c.permutation_p === 'number' ? c.permutation_p : null;
  const holmP = typeof c.welch_p_holm === 'number' ? c.welch_p_holm : null;
  const shaky = differs && ((permP !== null && permP > 0.05) || (holmP !== null && holmP > 0.05));
  const plain = !differs
    ? `Arms ${c.a} and ${c.b} cannot be told apart with ${seeds}: the ${gapAdj} gap${means} is within seed-to-seed luck.`
    : shaky
      ? `Arm ${hi} probably scores higher than ${lo}, by ${gap}${means}, but with ${seeds} the tests disagree on whether seed luck could explain it; more seeds would settle it.`
      : `Arm ${hi} scores ${gap} higher than ${lo}${means}, more than seed-to-seed luck explains.`;
  const holm = holmP !== null && holmP !== c.welch_p ? `, Holm-adjusted ${pEquals(holmP)}` : '';
  const perm = permP !== null ? `; permutation ${pEquals(permP)}` : '';
  const poi = !isInsufficient(c.prob_improvement)
    ? `; P(${c.a} > ${c.b}) = ${fixed(c.prob_improvement.estimate, 2)}`
    : '';
  return {
    tone: 'neutral',
    plain,
    numbers: `${hi} − ${lo}: ${points(Math.abs(c.diff))} points, 95% CI ${percentRange(flip ? { low: -c.ci95.high, high: -c.ci95.low } : c.ci95)}; ${pEquals(c.welch_p)} (Welch${holm})${perm}${poi}.`,
  };
}

/** Two single runs on the same prompts: different models, or within what prompt sampling explains? */
export function singleRunsVerdictOf(r: PairedRunsJson): Verdict {
  const ct = r.clustered_t;
  const gap = `${pointsUnsigned(Math.abs(r.diff))}-point`;
  const [hi, lo] = r.diff < 0 ? [r.b, r.a] : [r.a, r.b];
  const verdict = singleRunsVerdict(r);
  const same = `the same ${r.n_prompts} prompts`;
  const plain = {
    'not-comparable': `Runs ${r.a} and ${r.b} were not scored the same way, so comparing them says nothing about the models.`,
    'different-models': `Run ${hi} beats run ${lo} by a ${gap} gap on ${same}, more than the choice of prompts explains: on this prompt set they behave as different models.`,
    'different-models-if-comparable': `Run ${hi} beats run ${lo} by a ${gap} gap on ${same}, more than the choice of prompts explains, if both were scored the same way.`,
    'within-prompt-noise': isInsufficient(ct)
      ? `Run ${hi} scores ${gap.replace('-point', ' points')} higher than run ${lo} on ${same}, but whether that is more than the choice of prompts explains could not be tested.`
      : `Runs ${r.a} and ${r.b} cannot be told apart on ${same}: the ${gap} gap is within what the choice of prompts explains.`,
  }[verdict];
  const test = isInsufficient(ct)
    ? `${r.a} − ${r.b}: ${points(r.diff)} points; no clustered test (${ct.reason})`
    : `${r.a} − ${r.b}: ${points(r.diff)} points, category-clustered t = ${fixed(ct.t, 2)}, df ${ct.df}, ${pEquals(ct.p)}`;
  const extra = [
    typeof r.sign_flip_p === 'number' ? `sign-flip ${pEquals(r.sign_flip_p)}` : undefined,
    !isInsufficient(r.mcnemar)
      ? `McNemar ${pEquals(r.mcnemar.p)} (${r.mcnemar.a_only} vs ${r.mcnemar.b_only} discordant passes)`
      : undefined,
  ].filter(Boolean);
  const why =
    verdict === 'not-comparable' || verdict === 'different-models-if-comparable'
      ? ` Scoring: ${r.comparability.reason}.`
      : '';
  return {
    tone: verdict === 'not-comparable' ? 'unsure' : 'neutral',
    plain,
    numbers:
      `${test}${extra.length ? `; ${extra.join('; ')}` : ''}.${why} One run each, so this says nothing about whether ` +
      `either config reliably scores its value.`,
  };
}
