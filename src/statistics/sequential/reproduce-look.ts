import type { Interval } from '../result.js';
import type { BinomialDesign } from './binomial-design.js';
import { sequentialBinomialInterval } from './binomial-interval.js';

/**
 * One look of a reproduce design: the runs so far and how many reached the claim, against the
 * look's exact bounds. The bounds are for the planned run counts, and the exact error rates hold only
 * for them, so a failed run is replaced by the next seed of the study's list before the look is taken
 * (runs are exchangeable; which seeds failed is recorded, not hidden).
 */

/** What a reproduce look decides. */
export type ReproduceDecision = 'stop-reproducible' | 'stop-not-reproducible' | 'continue';

/** The record of one reproduce look. */
export interface ReproduceLookResult {
  /** 1-based. */
  readonly look: number;
  readonly runs: number;
  readonly hits: number;
  readonly notReproducibleAtMost: number;
  readonly reproducibleAtLeast: number;
  readonly decision: ReproduceDecision;
  /** When stopped: the exact interval for the share of runs reaching the claim, adjusted for the design. */
  readonly interval?: Interval;
  /** The naive share hits/runs, to be shown only labelled as naive. */
  readonly naiveShare: number;
}

/** Judge look `look` (1-based) with `hits` of the planned runs reaching the claim. */
export function reproduceLook(design: BinomialDesign, look: number, hits: number, level = 0.95): ReproduceLookResult {
  const bounds = design.looks[look - 1];
  if (!bounds) throw new RangeError(`look ${look} is outside the design's ${design.looks.length} looks`);
  if (!Number.isInteger(hits) || hits < 0 || hits > bounds.runs)
    throw new RangeError(`hits must be an integer in 0..${bounds.runs}, got ${hits}`);
  const decision: ReproduceDecision =
    hits <= bounds.notReproducibleAtMost
      ? 'stop-not-reproducible'
      : hits >= bounds.reproducibleAtLeast
        ? 'stop-reproducible'
        : 'continue';
  return {
    look,
    runs: bounds.runs,
    hits,
    notReproducibleAtMost: bounds.notReproducibleAtMost,
    reproducibleAtLeast: bounds.reproducibleAtLeast,
    decision,
    naiveShare: hits / bounds.runs,
    ...(decision === 'continue' ? {} : { interval: sequentialBinomialInterval(design.looks, look - 1, hits, level) }),
  };
}
