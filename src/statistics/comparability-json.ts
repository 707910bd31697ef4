/**
 * The comparability gate's JSON (summary.json `baselines[].comparability`): can a claimed figure come from
 * this eval at all. Split out of analysis-result.ts, which re-exports it.
 */

/** Can this claim come from this eval at all? (claim-comparability.ts) */
export interface ComparabilityChecks {
  /**
   * False when any claimed figure is unreachable, the prompt count differs, or the overall disagrees with the
   * categories.
   */
  passed: boolean;
  /**
   * False when reachability could not be checked (the scorer's values are unknown): then `passed` only reflects the
   * other checks.
   */
  verifiable: boolean;
  /** Prompt count the overall was checked against. */
  prompt_count: number;
  /** Rounding tolerance of the claimed overall (fraction), explicit or half a unit of its last printed digit. */
  tolerance: number;
  /** Values one prompt can score, as assumed by the check; absent when unknown. */
  score_values?: number[];
  /** Is the claimed overall reachable (within tolerance)? Absent when not checked. */
  on_grid?: boolean;
  /** Nearest reachable overall values below and above the claim; absent when not checked. */
  nearest?: [number, number];
  /**
   * The reachable score the claimed overall stands for: the one nearest to it within its rounding
   * (ties: the lower). "38.9%" on 27 prompts is 21/54. Every statistic compares seeds with this,
   * so a seed scoring exactly the claimed run's score counts as reaching it. Absent when the gate
   * failed or could not check; then the claim is used as printed.
   */
  effective?: number;
  /** One entry per claimed figure: the overall, then each claimed category. */
  checks: FigureCheckJson[];
  /** Overall vs categories, when the claim gives every category of the eval. */
  consistency?: ClaimConsistencyJson;
  /** Each reason the claim is not comparable, as a code with its numbers; empty when it passed. */
  findings: ComparabilityFinding[];
  /** What else the reader should know about the check (agreements, what was not checked). */
  notes: ComparabilityNote[];
}

/** The gate's result in words as well (wording/comparability.ts): what summary.json holds. */
export interface ComparabilityJson extends ComparabilityChecks {
  /** Each finding in words; empty when it passed. */
  problems: string[];
  reason: string;
}

/** Why a claim is not comparable (claim-comparability.ts); figures are fractions. */
export type ComparabilityFinding =
  | { code: 'prompt-count'; claimed_prompts: number; eval_prompts: number }
  | ({ code: 'overall-unreachable'; prompts: number; values: number[]; nearest: [number, number] } & ClaimedFigure)
  | { code: 'unknown-categories'; categories: string[]; eval_categories: string[] }
  | ({ code: 'category-unreachable'; category: string; prompts: number; nearest: [number, number] } & ClaimedFigure)
  | ({
      code: 'overall-is-category-mean' | 'overall-disagrees';
      category_mean: number;
      prompt_weighted: number;
    } & ClaimedFigure)
  | ({ code: 'overall-outside-partial'; low: number; high: number } & ClaimedFigure);

/** A claimed figure in a finding: its value and rounding (fractions). */
export interface ClaimedFigure {
  claimed: number;
  tolerance: number;
}

/** A remark of the gate that is not a failure. */
export type ComparabilityNote =
  | { code: 'overall-agrees-prompt-weighted'; prompt_weighted: number }
  | { code: 'overall-inside-partial'; low: number; high: number }
  | { code: 'values-unknown'; values_source: string }
  | { code: 'lattice-too-fine' };

/** Reachability of one claimed figure. */
export interface FigureCheckJson {
  /** `overall` or the category name. */
  figure: string;
  claimed: number;
  tolerance: number;
  prompts: number;
  /** Absent when reachability could not be checked. */
  reachable?: boolean;
  nearest?: [number, number];
}

/** Does a claimed overall follow from the claimed categories, and under which weighting? */
export interface ClaimConsistencyJson {
  /** Σ n_c·x_c / Σ n_c: every prompt weighs the same (what seedstudy reports). */
  prompt_weighted: number;
  /** Mean of the category figures: every category weighs the same. */
  category_mean: number;
  /** Rounding allowed in each comparison: the overall's plus the categories' propagated. */
  tolerance_prompt_weighted: number;
  tolerance_category_mean: number;
  agrees_prompt_weighted: boolean;
  agrees_category_mean: boolean;
}
