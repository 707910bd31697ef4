import type { Interval, Maybe } from './result.js';
import type { ArmComparison } from './compare-arms.js';
import type { ArmSummaryJson } from './arm-summary.js';
import type {
  CheckpointsJson,
  CorrelationJson,
  FailureClassJson,
  PerPromptJson,
  PowerJson,
} from './analysis-sections-json.js';

export type * from './analysis-sections-json.js';
export type * from './comparability-json.js';
export type * from './arm-note.js';
import type { ComparabilityChecks, ComparabilityJson } from './comparability-json.js';

/**
 * The `analyze --json` document: everything the report needs, in snake_case, scores as
 * fractions in [0, 1]. A statistic that cannot be computed is an `Insufficient` record
 * (`{status: 'insufficient', reason}`) in place of its value (`Maybe<T>`), never NaN or null.
 * Sections that need per-prompt data are `insufficient` for category-level imports.
 * Variance components live in each arm record (`arms[].variance_components`).
 */
export interface AnalysisResult {
  schema_version: 1;
  settings: AnalysisSettingsJson;
  data: DataSummary;
  /** Plain-English sentences, most important first (what the human output prints). */
  headline: string[];
  arms: ArmJson[];
  comparisons: ArmComparison[];
  baselines: BaselineJson[];
  /** Two single runs compared prompt by prompt ("are these two different models?"). */
  single_runs: PairedRunsJson[];
  checkpoints: CheckpointsJson[];
  correlation: CorrelationJson[];
  per_prompt: PerPromptJson[];
  failure_classes: FailureClassJson[];
  power: PowerJson[];
  /** Imported history records: each printed summary figure recomputed from the record's data. */
  history?: { file: string; arm: string; checks: HistoryCheckJson[] }[];
  /** The verdict rule for baselines, verbatim (also in docs/statistics.md). */
  reproduction_rule: string;
  /** Things the reader must know (category-level data, clipped intervals, tiny n, ...). */
  warnings: string[];
}

/** What `analyze` computes: the document without its sentences, which wording/analysis.ts adds. */
export type AnalysisStatistics = Omit<AnalysisResult, 'headline' | 'baselines' | 'single_runs'> & {
  baselines: BaselineStatistics[];
  single_runs: (Omit<PairedRunsJson, 'comparability'> & { comparability: RunsComparability })[];
};

/** Are both single runs' category scores ones this eval can produce? The check's numbers (analyze.ts). */
export interface RunsComparability {
  passed: boolean;
  verifiable: boolean;
  /** The single-evaluation values one prompt can score; null when unknown. */
  values: number[] | null;
  /** Where the values come from, in words ("the tool-call scorer"). */
  values_source: string;
  /** Per run, the category scores that are not reachable. */
  unreachable: { arm: string; categories: UnreachableCategory[] }[];
}

/** A run's category score that its prompt count cannot produce, with the nearest reachable ones. */
export interface UnreachableCategory {
  category: string;
  score: number;
  prompts: number;
  nearest: [number, number];
}

/** The settings the analysis ran with (pre-registered in the study file or given on the CLI). */
export interface AnalysisSettingsJson {
  checkpoint_policy: string;
  resamples: number;
  rng_seed: number;
  pass_threshold: number;
  level: number;
}

/** What went in. */
export interface DataSummary {
  observations: number;
  category_observations: number;
  arms: string[];
  /** Prompt count per arm (from the data; category-level arms: sum of prompt counts). */
  prompts: Record<string, number>;
  categories: string[];
  /** 'prompt' when per-prompt scores exist, 'category' for category-level imports. */
  granularity: Record<string, 'prompt' | 'category'>;
}

/**
 * One arm over its seeds at the policy checkpoint: part 1's arm record (mean, sd, median, iqm,
 * ci95, pi95, bootstraps, variance components, bimodality, per_seed) plus what this layer adds.
 */
export type ArmJson = ArmSummaryJson & {
  /** 'category' for category-level imports: per-prompt sections are insufficient for it. */
  granularity: 'prompt' | 'category';
  /** Fraction of seeds whose score ≥ pass_threshold, with a Wilson interval. */
  seeds_passing: Maybe<{ k: number; n: number; estimate: number; ci95: Maybe<Interval> }>;
  /** How precisely each single run is measured by its prompts (before any seed variation). */
  run_precision: RunPrecisionJson[];
};

/** Measurement precision of one run (one seed at the policy checkpoint). */
export interface RunPrecisionJson {
  seed: number;
  score: number;
  n_prompts: number;
  /** Prompt-sampling SE (sd over prompts / √P); insufficient for category-level data. */
  se_prompts: Maybe<number>;
  /** Category-clustered SE (×C/(C−1), df C−1), from category sums. */
  se_clustered: Maybe<number>;
}

/** A baseline as statistics/ computes it: the JSON record before wording adds its reason. */
export type BaselineStatistics = Omit<BaselineJson<ComparabilityChecks>, 'verdict_reason'>;

/**
 * The clause of the reproduction rule that decided: too-few-seeds (n < 2), rare-rank ((k+1)/(n+1) ≤ 0.05),
 * reached-often (one-sided 95% lower bound of k/n ≥ 0.05) or neither.
 */
export interface VerdictBasis {
  clause: 'too-few-seeds' | 'rare-rank' | 'reached-often' | 'neither';
  k: number;
  n: number;
  /** (k+1)/(n+1); absent below 2 seeds. */
  rank_p?: number;
  /** One-sided 95% Clopper–Pearson lower bound of k/n; absent when clause 2 decided first. */
  lower_bound?: number;
}

/** A claimed historical value checked against an arm's seeds. */
export interface BaselineJson<C extends ComparabilityChecks = ComparabilityJson> {
  name: string;
  /** As claimed (printed). */
  claimed: number;
  /** What the seeds are compared with: comparability.effective when the gate passed, else the claim. */
  claimed_effective: number;
  arm: string;
  source?: string;
  n_seeds: number;
  comparability: C;
  /** % of seeds below the claim (ties count ½). */
  percentile: Maybe<number>;
  /** Seeds scoring ≥ the claim. */
  k_at_least: number;
  /** P(one run ≥ claim): empirical k/n with a Clopper–Pearson interval. */
  prob_at_least: { estimate: Maybe<number>; ci95: Maybe<Interval> };
  /** P(one run ≥ claim) under a t fit: 1 − T_{n−1}((c − x̄)/(s·√(1 + 1/n))). */
  prob_at_least_t: Maybe<number>;
  pi95: Maybe<Interval>;
  in_pi95: Maybe<boolean>;
  /** (k + 1)/(n + 1): the claimed run's rank p-value as one more run of this config. */
  rank_p: Maybe<number>;
  verdict: 'reproduces' | 'does-not-reproduce' | 'inconclusive' | 'not-comparable';
  /** Which clause of the rule decided, in words (wording/analysis.ts, from verdict_basis or the gate). */
  verdict_reason: string;
  /** Which clause of the rule decided, and its numbers. */
  verdict_basis: VerdictBasis;
  /** What the numbers alone say, before the comparability gate. */
  statistical_verdict: 'reproduces' | 'does-not-reproduce' | 'inconclusive';
  /** Smallest number of seeds at which the rule would decide if the observed distribution held. */
  seeds_needed: Maybe<number>;
  /** Seeds needed whatever the observed distribution (reproduction-planning.ts). */
  planning?: ReproductionPlanJson;
}

/** The planning table printed with every reproduction check. */
export interface ReproductionPlanJson {
  /**
   * For each share π of runs reaching the claim: seeds for an 80% chance that the rule decides (null: more than 200).
   */
  decision: { pi: number; seeds: Maybe<number> }[];
  /** For each level r: seeds, all reaching the claim, that show P(run ≥ claim) ≥ r (one-sided 95%). */
  reliability: { level: number; seeds: number }[];
}

/** One printed summary figure of an imported history record, recomputed from the record's data. */
export interface HistoryCheckJson {
  /** Where in the write-up the figure was printed. */
  source: string;
  /** `overall`, `category X`, `prompts scoring 0.5`, `prompts counted` or `overall implied by the counts`. */
  figure: string;
  /** As printed. */
  reported: string;
  /** Recomputed from the data (fraction, or a count); absent when the data cannot say. */
  recomputed?: number;
  /** Matches the data within the printed rounding. */
  matches: boolean;
  /** Matches and is reachable: the figure is fine. */
  agrees: boolean;
  /** For a printed score: can this eval produce it at all (within its rounding)? Absent for counts or when unknown. */
  reachable?: boolean;
  /** In words. */
  detail: string;
}

/** Two single runs on the same prompts. */
export interface PairedRunsJson {
  a: string;
  b: string;
  granularity: 'prompt' | 'category';
  n_prompts: number;
  diff: number;
  /** Naive paired t over prompts (prompt-level only). */
  paired_t: Maybe<TestJson>;
  /** Paired t with the category-clustered SE (df = categories − 1). */
  clustered_t: Maybe<TestJson & { clusters: number }>;
  sign_flip_p: Maybe<number>;
  /** Exact McNemar on pass/fail discordant prompts. */
  mcnemar: Maybe<{ a_only: number; b_only: number; p: number }>;
  /**
   * Are both runs' scores values this eval can produce (on the k/(2P) grid)? If not, the test assumes a comparability
   * that is unverified.
   */
  comparability: { passed: boolean; verifiable: boolean; reason: string };
  question: string;
  not_answered: string;
}

/** A t-type test summary. */
export interface TestJson {
  estimate: number;
  se: number;
  t: number;
  df: number;
  p: number;
  ci95: Maybe<Interval>;
}
