/**
 * What a reader must know about one arm's numbers, as codes with the numbers behind them; the
 * words (one sentence per code, each saying what to do) live in wording/arm-notes.ts, so the CLI,
 * summary.json and the report word them the same way.
 */
export type ArmNote =
  /** Fewer than 5 seeds: every interval over seeds is wide. */
  | { readonly code: 'few-seeds'; readonly n: number }
  /** Fewer than 20 seeds: the percentile bootstrap in the record is too narrow; the t interval is the headline. */
  | { readonly code: 'percentile-bootstrap-small-n'; readonly n: number }
  /** The seed scores form two well-separated groups (bimodality.ts). */
  | { readonly code: 'two-groups'; readonly low: ScoreGroupJson; readonly high: ScoreGroupJson }
  /** The t prediction interval left [0, 1] and was clipped. */
  | { readonly code: 'prediction-clipped' }
  /** best-val fell back to the final checkpoint for these seeds (no val loss recorded). */
  | { readonly code: 'best-val-fell-back'; readonly seeds: readonly number[] }
  /** Prompts left out because some seed has no score for them. */
  | { readonly code: 'prompts-dropped'; readonly prompts: readonly string[] }
  /** No prompt was scored for every seed. */
  | { readonly code: 'no-common-prompt' }
  /** Category-level import: per-prompt statistics are not available. */
  | { readonly code: 'category-level' };

/** One of the two groups of a bimodal arm. */
export interface ScoreGroupJson {
  readonly size: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}
