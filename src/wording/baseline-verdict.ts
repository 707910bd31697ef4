import type { ArmJson, BaselineJson } from '../statistics/analysis-result.js';
import { PRACTICAL_SEEDS } from '../statistics/baseline-reproduction.js';
import { isInsufficient, type Interval, type Maybe } from '../statistics/result.js';
import { pct, pct0, pValue } from './numbers.js';
import { capitalise, seedsCount, type Verdict } from './verdict.js';

/**
 * A claimed result checked against an arm's seeds, in plain words first: does the config give
 * it, does it look like a lucky run or another setup, or can these seeds not tell yet; then the
 * chance of one run reaching it, the rule's clause, and how many seeds would decide.
 */
export function baselineVerdictOf(b: BaselineJson, arm?: Pick<ArmJson, 'per_seed'>): Verdict {
  const claim = `the claimed ${pct(b.claimed)} (${b.name})`;
  const n = b.n_seeds;
  const k = b.k_at_least;
  const scores = arm?.per_seed.map((s) => s.score) ?? [];
  const top = scores.length ? Math.max(...scores) : null;
  if (b.verdict === 'not-comparable') {
    return {
      tone: 'unsure',
      plain:
        `${capitalise(claim)} cannot be checked with this eval: it was not measured the same way, so no number of ` +
        `seeds of arm ${b.arm} can confirm or refute it.`,
      numbers: `Why: ${b.comparability.reason}. The numbers alone would say: ${b.statistical_verdict.replace(/-/g, ' ')} (${chance(b)}).`,
    };
  }
  const numbers = [`${capitalise(chance(b))}.`, `Rule: ${b.verdict_reason}.`, seedsToDecide(b)]
    .filter(Boolean)
    .join(' ');
  const unverified = b.comparability.verifiable ? '' : ` Comparability unverified: ${b.comparability.reason}.`;
  return { ...plainOf(b, claim, k, n, top), numbers: numbers + unverified };
}

function plainOf(b: BaselineJson, claim: string, k: number, n: number, top: number | null): Omit<Verdict, 'numbers'> {
  const reached = seedsCount(k, n);
  const best = top === null ? '' : ` (best ${pct(top)})`;
  switch (b.verdict) {
    case 'reproduces':
      return { tone: 'good', plain: `${capitalise(claim)} reproduces on arm ${b.arm}: ${reached} reached it.` };
    case 'does-not-reproduce':
      return {
        tone: 'bad',
        plain:
          `${capitalise(claim)} looks like a lucky run or a different setup, not what arm ${b.arm} gives: ` +
          `${k === 0 ? reached : `only ${reached}`} reached it${best}.`,
      };
    default:
      if (n === 0)
        return { tone: 'unsure', plain: `Arm ${b.arm} has no scored seed yet, so ${claim} cannot be checked.` };
      if (n === 1)
        return {
          tone: 'unsure',
          plain: `One seed cannot tell whether ${claim} is what arm ${b.arm} typically gives: it scored ${pct(top)}.`,
        };
      return k === 0
        ? {
            tone: 'unsure',
            plain: `${capitalise(claim)} may be a lucky run: ${reached} of arm ${b.arm} reached it${best}, but ${n} seeds are too few to rule it out.`,
          }
        : {
            tone: 'unsure',
            plain: `Only ${reached} of arm ${b.arm} reached ${claim}: too few to tell whether it is typical or a lucky run.`,
          };
  }
}

/** "chance of one new run reaching it: 0% from the seeds (0 of 4; 95% CI [0%, 60%]), 5.9% under a normal fit; …". */
function chance(b: BaselineJson): string {
  const est = b.prob_at_least.estimate;
  const seeds =
    typeof est === 'number'
      ? `${pct0(est)} from the seeds (${b.k_at_least} of ${b.n_seeds}${ci(b.prob_at_least.ci95)})`
      : 'no seeds';
  const t = typeof b.prob_at_least_t === 'number' ? `, ${pct(b.prob_at_least_t)} under a normal fit` : '';
  const rank = typeof b.rank_p === 'number' ? `; rank p = ${pValue(b.rank_p)}` : '';
  return `chance of one new run reaching it: ${seeds}${t}${rank}`;
}

function ci(iv: Maybe<Interval>): string {
  return isInsufficient(iv) ? '' : `; 95% CI [${pct0(iv.low)}, ${pct0(iv.high)}]`;
}

/** "4 seeds cannot decide; about 19 could." or why no practical number can. */
function seedsToDecide(b: BaselineJson): string {
  if (b.verdict !== 'inconclusive' || typeof b.seeds_needed !== 'number') return '';
  const n = b.n_seeds;
  const have = `${n} seed${n === 1 ? '' : 's'} cannot decide`;
  if (b.seeds_needed <= PRACTICAL_SEEDS) return `${have}; about ${b.seeds_needed} could.`;
  // No seed reached it: the rank clause decides once enough further seeds also miss it.
  const ifAllMiss = b.k_at_least === 0 ? b.planning?.decision.find((d) => d.pi === 0)?.seeds : undefined;
  const t =
    typeof b.prob_at_least_t === 'number' ? `about ${pct(b.prob_at_least_t)} of the time, as a normal fit says` : '';
  return typeof ifAllMiss === 'number' && t
    ? `${have}; if further seeds keep missing it, about ${ifAllMiss} seeds in all would show it is out of reach, ` +
        `but if runs reach it ${t}, no practical number would decide (about ${b.seeds_needed}).`
    : `${have}, and no practical number would: the chance of one run reaching it sits right at the rule's ` +
        `1-in-20 line (it would take about ${b.seeds_needed} seeds).`;
}
