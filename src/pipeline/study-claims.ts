import { possibleScores } from '../evaluation/scorers/possible-scores.js';
import { parseClaimedFigure } from '../study/claimed-figure.js';
import type { Study } from '../study/study.js';
import type { BaselineClaim, ScoreValues } from '../statistics/analyze.js';
import { reachableMeans } from '../statistics/reachable-means.js';

/**
 * A study's `baselines:` as the statistics see them: printed figures parsed to fractions with
 * their rounding tolerance (the study's `tolerance`, else half a unit of the last printed digit).
 */
export function studyBaselineClaims(study: Pick<Study, 'baselines'>): BaselineClaim[] {
  return study.baselines.map((b) => {
    const overall = parseClaimedFigure(b.claimed);
    const categories = b.categories
      ? Object.fromEntries(
          Object.entries(b.categories).map(([name, figure]) => {
            const f = parseClaimedFigure(figure);
            return [name, { value: f.value, tolerance: b.tolerance ?? f.printedTolerance }];
          }),
        )
      : undefined;
    return { name: b.name, claimed: overall.value, tolerance: b.tolerance ?? overall.printedTolerance, categories, arm: b.arm, source: b.source, promptCount: b.prompt_count };
  });
}

/**
 * What one prompt can score under the study's scorer, after averaging `eval.repeats`
 * evaluations: the lattice the comparability gate checks claims against.
 */
export function studyScoreValues(study: Pick<Study, 'eval'>): ScoreValues {
  const kind = study.eval.scorer.kind;
  const values = possibleScores(study.eval.scorer);
  if (values === null) return { values: null, source: `the ${kind} scorer` };
  const repeats = study.eval.repeats;
  const averaged = repeats > 1 ? reachableMeans(values, repeats) : values;
  return { values: averaged, source: `the ${kind} scorer${repeats > 1 ? ` averaged over ${repeats} repeats` : ''}` };
}
