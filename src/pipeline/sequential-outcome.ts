import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import type { SequentialSettings } from '../study/sequential-schema.js';

/**
 * How a sequential study ended, as data for the CLI's decision line (wording/sequential-decision.ts):
 * the stopping look, the seeds it used, and what it saved against the fixed design of the same power
 * (seeds per arm, and hours at the study's own recorded cost per run).
 */
export interface SequentialOutcome {
  /** sequential.json as the stop left it (wording/sequential-outcome.ts words it). */
  readonly record: SequentialRecord;
  /** Planned looks (seeds per arm, or runs) and α, for "look 2 of 4" and the intervals' level. */
  readonly design: { readonly looks: readonly number[]; readonly alpha: number };
  /** The stopping look (its decision, statistic and boundary). */
  readonly last: SequentialLook;
  /** Looks planned. */
  readonly looks: number;
  /** Seeds per arm the stopping look planned, and the most any arm actually used. */
  readonly plannedSeeds: number;
  readonly seedsUsed: number;
  /** Arms of the looks (two for compare, the checked arm for reproduce). */
  readonly arms: readonly string[];
  /** Seeds per arm of the fixed design of the same power; null when the design has no effect to plan for. */
  readonly fixedSeeds: number | null;
  /** fixedSeeds − seedsUsed (negative: the sequential design used more). */
  readonly seedsSaved: number | null;
  /** Training and evaluation hours of the runs used. */
  readonly hours: number;
  /** seedsSaved × arms × hours per run used; null without a fixed design. */
  readonly hoursSaved: number | null;
  /** Redesigns forced after the lock. */
  readonly redesigns: number;
}

/** The outcome of a record whose last look stopped the study. */
export function sequentialOutcome(
  record: SequentialRecord,
  design: Pick<SequentialSettings, 'looks' | 'alpha'>,
): SequentialOutcome {
  const last = record.looks[record.looks.length - 1]!;
  const counts = Object.values(last.seeds).map((s) => s.length);
  const seedsUsed = Math.max(0, ...counts);
  const runsUsed = counts.reduce((a, b) => a + b, 0);
  const fixedSeeds = record.fixedDesignSeeds;
  const seedsSaved = fixedSeeds === null ? null : fixedSeeds - seedsUsed;
  const perRun = runsUsed > 0 ? last.hoursSoFar / runsUsed : 0;
  return {
    record,
    design: { looks: design.looks, alpha: design.alpha },
    last,
    looks: design.looks.length,
    plannedSeeds: last.plannedSeeds,
    seedsUsed,
    arms: Object.keys(last.seeds),
    fixedSeeds,
    seedsSaved,
    hours: last.hoursSoFar,
    hoursSaved: seedsSaved === null ? null : seedsSaved * counts.length * perRun,
    redesigns: record.redesigns.length,
  };
}
