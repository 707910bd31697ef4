import type { ComparabilityChecks } from './analysis-result.js';
import { checkClaimComparability, type ClaimedValue } from './claim-comparability.js';
import { averagedScoreValues, type ScoreValues } from './score-values.js';

/** A claimed historical value to check (study `baselines[]`, or `reproduce --claimed`). */
export interface BaselineClaim {
  name: string;
  /** Claimed overall score as a fraction. */
  claimed: number;
  /** Rounding of the claimed figure (fraction): explicit, or half a unit of its last printed digit. */
  tolerance: number;
  /** Evaluations per prompt averaged into the claimed figures; default 1 (a single pass). */
  repeats?: number | undefined;
  /** Claimed per-category figures, checked for reachability and against the overall. */
  categories?: Readonly<Record<string, ClaimedValue>> | undefined;
  /** Arm to check against; default: the only arm. */
  arm?: string | undefined;
  source?: string | undefined;
  /** Prompts the claim was scored on (comparability gate); default: the arm's prompt count. */
  promptCount?: number | undefined;
}

/**
 * The comparability gate for one baseline claim against an eval with these prompts per category
 * and these single-evaluation score values. The claim is checked on the grid of its own number of
 * evaluations per prompt (`repeats`, default 1), whatever the seeds average. One place for
 * `analyze` (against an arm's data) and `validate` (against the study's suite, before training).
 */
export function checkBaselineClaim(
  claim: BaselineClaim,
  categoryPrompts: Readonly<Record<string, number>>,
  raw: ScoreValues,
): ComparabilityChecks {
  const values = averagedScoreValues(raw, claim.repeats ?? 1);
  return checkClaimComparability(
    {
      overall: { value: claim.claimed, tolerance: claim.tolerance },
      categories: claim.categories,
      promptCount: claim.promptCount,
    },
    { categoryPrompts, promptValues: values.values, valuesSource: values.source },
  );
}
