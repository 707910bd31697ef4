import { possibleScores } from '../evaluation/scorers/possible-scores.js';
import { parseClaimedFigure } from '../study/claimed-figure.js';
import type { Study } from '../study/study.js';
import type { AnalyzeSettings, BaselineClaim, ScoreValues } from '../statistics/analyze.js';

/**
 * A study's `baselines:` as the statistics see them: printed figures parsed to fractions with
 * their rounding tolerance (the baseline's `tolerance` for the overall, else half a unit of its
 * last printed digit; categories always by their own printed precision) and the number of
 * evaluations per prompt the claim averaged.
 */
export function studyBaselineClaims(study: Pick<Study, 'baselines'>): BaselineClaim[] {
  return study.baselines.map((b) => {
    const overall = parseClaimedFigure(b.claimed);
    const categories = b.categories
      ? Object.fromEntries(
          Object.entries(b.categories).map(([name, figure]) => {
            const f = parseClaimedFigure(figure);
            return [name, { value: f.value, tolerance: f.printedTolerance }];
          }),
        )
      : undefined;
    return {
      name: b.name,
      claimed: overall.value,
      tolerance: b.tolerance ?? overall.printedTolerance,
      repeats: b.repeats,
      categories,
      arm: b.arm,
      source: b.source,
      promptCount: b.prompt_count,
    };
  });
}

/**
 * What one evaluation of one prompt can score under the study's scorer (the grid before any
 * averaging: the seeds' averaging over eval.repeats is read from their data, a claim's from its
 * baseline `repeats`).
 */
export function studyScoreValues(study: Pick<Study, 'eval'>): ScoreValues {
  const kind = study.eval.scorer.kind;
  return { values: possibleScores(study.eval.scorer), source: `the ${kind} scorer` };
}

/** The study's pre-registered analysis settings: its `analysis:` choices, baselines and score values. */
export function studyAnalyzeSettings(study: Pick<Study, 'analysis' | 'baselines' | 'eval'>): AnalyzeSettings {
  return {
    checkpoint: study.analysis.checkpoint,
    resamples: study.analysis.resamples,
    rngSeed: study.analysis.rng_seed,
    passThreshold: study.analysis.pass_threshold,
    baselines: studyBaselineClaims(study),
    scoreValues: studyScoreValues(study),
  };
}
