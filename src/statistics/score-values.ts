import { reachableMeans } from './reachable-means.js';

/** What one evaluation of one prompt can score, for the comparability gate. */
export interface ScoreValues {
  /**
   * Possible scores of a single evaluation (before any averaging over repeats); null when unknown (external scorer).
   */
  values: number[] | null;
  /** Where they come from, in words. */
  source: string;
}

/** The assumption when nothing says otherwise: the seed document's 0/0.5/1 rubric. */
export const DEFAULT_SCORE_VALUES: ScoreValues = { values: [0, 0.5, 1], source: 'the 0/0.5/1 rubric (assumed)' };

/**
 * The values of one prompt's score when it is the mean of `repeats` evaluations. The grid a
 * figure is checked on depends on how it was produced: our seeds average eval.repeats passes, a
 * historical claim usually one, so each gets its own (a single-pass 82.4% must not pass as a
 * two-pass 89/108).
 */
export function averagedScoreValues(values: ScoreValues, repeats: number): ScoreValues {
  if (values.values === null || repeats <= 1) return values;
  return {
    values: reachableMeans(values.values, repeats),
    source: `${values.source}, averaged over ${repeats} evaluations`,
  };
}
