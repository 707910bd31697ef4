import type { BaselineJson } from '../statistics/analysis-result.js';
import { PRACTICAL_SEEDS } from '../statistics/baseline-reproduction.js';
import type { ComparisonVerdict, SingleRunsVerdict } from '../statistics/verdicts.js';

/**
 * The words of every verdict code (statistics/verdicts.ts, the baseline rule), in one place
 * for the CLI, the analysis sentences and the report, so the same result reads the same way.
 */

/** A baseline verdict as the predicate of a sentence: "82.4% … does not reproduce". */
export function baselineVerdictText(verdict: BaselineJson['verdict'] | 'not-analysed'): string {
  return {
    'not-analysed': 'was not analysed',
    reproduces: 'reproduces',
    'does-not-reproduce': 'does not reproduce',
    inconclusive: 'is inconclusive',
    'not-comparable': 'is not comparable with this eval',
  }[verdict];
}

/** The words for seeds_needed in headlines: a number when it is practical, else why no number is. */
export function seedsNeededPhrase(seedsNeeded: number): string {
  return seedsNeeded <= PRACTICAL_SEEDS
    ? `about ${seedsNeeded} seed${seedsNeeded === 1 ? '' : 's'} would decide`
    : `no practical number of seeds would decide (${seedsNeeded}): P(run ≥ claim) sits near the rule's 1-in-20 ` +
        `boundary`;
}

/** A comparison verdict as the report's clause: ": the interval excludes 0, so …". */
export function comparisonVerdictClause(verdict: ComparisonVerdict): string {
  return verdict === 'differs'
    ? 'the interval excludes 0, so the difference is not seed noise'
    : 'the interval includes 0, so seed noise could explain it';
}

/** A comparison verdict as the analysis sentence's tail: "" or " Not distinguishable with 3 and 3 seeds." */
export function comparisonVerdictTail(verdict: ComparisonVerdict, nA: number, nB: number): string {
  return verdict === 'differs' ? '' : ` Not distinguishable with ${nA} and ${nB} seeds.`;
}

/** The verdict on two single runs, as a sentence; `reason` is the comparability gate's. */
export function singleRunsVerdictText(verdict: SingleRunsVerdict, reason: string): string {
  switch (verdict) {
    case 'not-comparable':
      return (
        `This is not a like-for-like comparison: ${reason}, so the two were not scored the same way and the ` +
        `test says nothing about the models.`
      );
    case 'different-models':
      return 'These two runs are different models on this prompt set.';
    case 'different-models-if-comparable':
      return `These two runs are different models on this prompt set, if both were scored the same way (${reason}).`;
    case 'within-prompt-noise':
      return 'The gap is within what prompt sampling explains.';
  }
}
