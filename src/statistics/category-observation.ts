/**
 * A per-category result of one run at one checkpoint, for historical results that kept only
 * category percentages (the seed document's Phase 33b table). It carries no per-prompt scores,
 * so per-prompt analyses (sign-flip over prompts, McNemar, per-prompt pass rates, prompt
 * variance components) are impossible for such runs and report `insufficient`; seed scores and
 * the category-clustered paired comparison still work, weighting each category by its prompt count.
 */
export interface CategoryObservation {
  arm: string;
  seed: number;
  checkpoint: number;
  category: string;
  /** Prompts in this category (the weight of its percentage in the run's score). */
  promptCount: number;
  /** Mean score of the category as a fraction in [0, 1]. */
  score: number;
  valLoss?: number | undefined;
}
