import type { Interval, Insufficient } from '../result.js';
import type { GroupSequentialDesign } from './design.js';
import { decideLook, lookBoundary, type LookBoundary, type LookDecision } from './look-boundary.js';
import { repeatedConfidenceInterval, stagewiseAdjustedP, stagewiseEstimate } from './stagewise-inference.js';
import { informationFraction, welchLook, type WelchLook } from './welch-look.js';

/**
 * One look of a compare design, start to finish, as the look-by-look runner needs it: the Welch
 * statistic of the seeds that finished, the boundary for the information they carry, the decision,
 * and, when the study stops, the inference that accounts for the stopping rule. Pure: the runner
 * owns training, the record file and the lock; this owns the statistics.
 */

/** Seeds per arm that a look used (for information fractions of earlier looks). */
export interface LookSeeds {
  readonly seedsA: number;
  readonly seedsB: number;
}

/** What `compareLook` needs. */
export interface CompareLookInput {
  /** The planned design (compare-plan.ts `comparePlan(...).design`). */
  readonly design: GroupSequentialDesign;
  /** Planned seeds per arm at the last look (the information fractions' denominator). */
  readonly plannedMaxSeeds: number;
  /** Seeds per arm used by the earlier looks, in order. */
  readonly earlier: readonly LookSeeds[];
  /** Per-seed scores at the decision checkpoint, all seeds finished so far (cumulative), arm A then B. */
  readonly scoresA: readonly number[];
  readonly scoresB: readonly number[];
  /** No further look will happen (last planned look, or no seeds left): spend all remaining α. */
  readonly noMoreLooks?: boolean;
  /** Confidence level of the intervals (default 0.95 = 1 − α for α = 0.05). */
  readonly level?: number;
}

/** Inference after the study stopped at this look. */
export interface StoppedInference {
  /** Stage-wise ordering adjusted two-sided p-value. */
  readonly adjustedP: number;
  /** Median-unbiased estimate of mean(A) − mean(B) and its stage-wise interval. */
  readonly estimate: number;
  readonly interval: Interval;
  /** Repeated confidence interval of the look (simultaneous 1 − α over the looks). */
  readonly repeatedInterval: Interval;
  /** The naive numbers of the last look, to be shown only labelled as naive. */
  readonly naive: { readonly p: number; readonly diff: number };
}

/** The record of one look. */
export interface CompareLookResult {
  readonly status: 'ok';
  readonly look: number;
  readonly statistic: WelchLook;
  readonly boundary: LookBoundary;
  readonly decision: LookDecision;
  /** Present when the decision stops the study. */
  readonly inference?: StoppedInference;
}

/** Judge one look; insufficient when the Welch statistic is (an arm with < 2 seeds, or no spread). */
export function compareLook(input: CompareLookInput): CompareLookResult | Insufficient {
  const { design, plannedMaxSeeds: nMax } = input;
  const statistic = welchLook(input.scoresA, input.scoresB);
  if (statistic.status !== 'ok') return statistic;
  const looks = [...input.earlier, { seedsA: statistic.seedsA, seedsB: statistic.seedsB }];
  const fractions = looks.map((l) => informationFraction(l.seedsA, l.seedsB, nMax));
  const k = looks.length;
  const final = input.noMoreLooks === true || k >= design.spec.informationRates.length || fractions[k - 1]! >= 1;
  const boundary = lookBoundary(design, fractions, final);
  const decision = decideLook(boundary, statistic.z);
  const base = { status: 'ok' as const, look: k, statistic, boundary, decision };
  if (decision === 'continue') return base;
  const stopped = {
    efficacyZ: boundary.efficacyZSoFar,
    fractions: fractions.map((f) => Math.min(1, f)),
    z: statistic.z,
  };
  const est = stagewiseEstimate(stopped, statistic, input.level ?? 1 - design.spec.alpha);
  return {
    ...base,
    inference: {
      adjustedP: stagewiseAdjustedP(stopped),
      estimate: est.estimate,
      interval: est.interval,
      repeatedInterval: repeatedConfidenceInterval(
        statistic.diff,
        statistic.se,
        statistic.df,
        boundary.efficacyP,
        design.spec.alpha,
      ),
      naive: { p: statistic.p, diff: statistic.diff },
    },
  };
}
