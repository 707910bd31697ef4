import type { CheckpointsJson, CorrelationJson } from '../statistics/analysis-result.js';
import { isInsufficient, type Interval, type Maybe } from '../statistics/result.js';
import { fixed, pct, pEquals, percentRange, plural, points, pointsUnsigned } from './numbers.js';
import { seedsCount, type Verdict } from './verdict.js';

/**
 * The checkpoint-selection section (statistics/analyze-checkpoints.ts, within-seed-correlation.ts)
 * in words, plain sentence first: how much picking the best checkpoint by eval flatters an arm,
 * whether choosing by val loss finds that checkpoint, and whether val loss tracks the eval score
 * within a seed. The report prints these; so can the CLI.
 */
export function checkpointVerdicts(cp: CheckpointsJson, corr?: CorrelationJson): Verdict[] {
  // With one evaluated checkpoint per seed there is nothing to choose between.
  if (cp.trajectory.length < 2) return [];
  return [optimismVerdict(cp), valChoiceVerdict(cp), ...(corr ? [withinSeedVerdict(corr)] : [])].filter(
    (v): v is Verdict => v !== null,
  );
}

const ci = (iv: Maybe<Interval>): string => (isInsufficient(iv) ? 'no interval' : `95% CI ${percentRange(iv)}`);
const rawCi = (iv: Maybe<Interval>): string =>
  isInsufficient(iv) ? 'no interval' : `95% CI [${fixed(iv.low, 2)}, ${fixed(iv.high, 2)}]`;

function optimismVerdict(cp: CheckpointsJson): Verdict | null {
  const o = cp.optimism;
  if (isInsufficient(o)) return null;
  const size = `${pointsUnsigned(Math.abs(o.optimism))} points`;
  const sure = !isInsufficient(o.ci95) && o.ci95.low > 0;
  const plain =
    o.optimism >= 0.0005
      ? `Picking each seed's best checkpoint by its eval score ${sure ? 'flatters' : 'may flatter'} arm ${cp.arm} by ` +
        `about ${size}: on prompts it was not picked on, that checkpoint scores ${pct(o.cross_fitted)}, not ` +
        `${pct(o.oracle)}${sure ? '' : ' (with these seeds and prompts the gap could also be chance)'}.`
      : `Picking each seed's best checkpoint by its eval score does not flatter arm ${cp.arm}: it scores ` +
        `${pct(o.cross_fitted)} on prompts it was not picked on (${pct(o.oracle)} on all).`;
  return {
    tone: 'neutral',
    plain,
    numbers:
      `Oracle mean ${pct(o.oracle)}, cross-fitted ${pct(o.cross_fitted)}: optimism ${points(o.optimism)} points, ` +
      `${ci(o.ci95)} (${o.splits} prompt splits). Report a pre-registered policy (final or best-val), not the oracle.`,
  };
}

function valChoiceVerdict(cp: CheckpointsJson): Verdict | null {
  const rate = cp.val_matches_oracle_rate;
  const n = cp.per_seed.length;
  const mean = (m: CheckpointsJson['mean_final']) => (isInsufficient(m) ? 'n/a' : pct(m.mean));
  const means = `final ${mean(cp.mean_final)}, best val ${mean(cp.mean_best_val)}, eval-best (oracle) ${mean(cp.mean_oracle)}`;
  const meansCi = (label: string, m: CheckpointsJson['mean_final']) =>
    isInsufficient(m) ? `${label} n/a` : `${label} ${pct(m.mean)} (${ci(m.ci95)})`;
  const numbers =
    `Means over seeds: ${meansCi('final', cp.mean_final)}, ${meansCi('best val', cp.mean_best_val)}, ` +
    `${meansCi('oracle', cp.mean_oracle)}. Oracle − best val per seed: ` +
    `${cp.per_seed.map((s) => `seed ${s.seed}: ${typeof s.regret === 'number' ? points(s.regret) : 'n/a'}`).join(', ')}.`;
  if (typeof rate !== 'number')
    return {
      tone: 'neutral',
      plain: `Arm ${cp.arm} recorded no val loss, so choosing the checkpoint by val loss could not be checked (${means} on average).`,
      numbers,
    };
  const k = Math.round(rate * n);
  return {
    tone: 'neutral',
    plain: `Choosing the checkpoint by val loss found the eval-best one for ${seedsCount(k, n)} of arm ${cp.arm} (on average ${means}).`,
    numbers,
  };
}

function withinSeedVerdict(c: CorrelationJson): Verdict {
  const rm = c.rmcorr;
  const what = `${plural(c.n_points, 'checkpoint')} over ${plural(c.n_seeds, 'seed')}`;
  if (isInsufficient(rm))
    return {
      tone: 'neutral',
      plain: `Whether val loss tracks the eval score within a seed of arm ${c.arm} cannot be told from ${what}.`,
      numbers: `(${rm.reason}.)`,
    };
  const clear = !isInsufficient(rm.ci95) && (rm.ci95.high < 0 || rm.ci95.low > 0);
  const plain = !clear
    ? `Within a seed of arm ${c.arm}, val loss and eval score do not clearly move together, so val loss says little ` +
      `about which checkpoint scores best.`
    : rm.r < 0
      ? `Within a seed of arm ${c.arm}, checkpoints with lower val loss score higher on the eval, so val loss is a ` +
        `fair guide to which checkpoint to keep.`
      : `Within a seed of arm ${c.arm}, checkpoints with lower val loss score lower on the eval, so val loss misleads ` +
        `the choice of checkpoint here.`;
  const spearman =
    typeof c.within_seed_spearman_median === 'number'
      ? `; median within-seed Spearman ${fixed(c.within_seed_spearman_median, 2)}`
      : '';
  const pooled = isInsufficient(c.pearson)
    ? ''
    : `; pooled over seeds Pearson r = ${fixed(c.pearson.r, 2)} (mixes within- and between-seed association)`;
  const boot = isInsufficient(rm.ci95_seed_bootstrap) ? '' : `, whole-seed bootstrap ${rawCi(rm.ci95_seed_bootstrap)}`;
  return {
    tone: 'neutral',
    plain,
    numbers: `Repeated-measures r = ${fixed(rm.r, 2)}, df ${rm.df}, ${pEquals(rm.p)}, ${rawCi(rm.ci95)}${boot}${spearman}${pooled} (${what}).`,
  };
}
