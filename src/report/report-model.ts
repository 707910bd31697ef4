import type { AnalysisResult } from '../statistics/analysis-result.js';
import type { Observation } from '../statistics/observation.js';
import type { Verdict } from '../wording/verdict.js';
import type { BandKind } from './band.js';
import type { SequentialSection } from './sequential-section.js';

/**
 * The report model: every number, label and string a report shows, computed once by
 * `buildReportModel`, then rendered by pure functions (HTML, Markdown, CSV, charts), so the
 * renderers never disagree and golden files stay stable. Scores are fractions in [0, 1];
 * formatting to percent happens only in renderers. Strings from runs (arm names, prompt ids,
 * categories, outputs, reasons) are raw here and escaped by each renderer for its medium.
 */
export interface ReportModel {
  study: StudyInfo;
  /** Arms in study order, each with its fixed chart colour. */
  arms: ArmInfo[];
  seeds: number[];
  steps: number[];
  categories: string[];
  promptCount: number;
  /** The verdicts, most important first: a plain sentence, then the numbers (the CLI's, word for word). */
  headline: Verdict[];
  /** Things the reader must know (missing data, fallbacks, truncation). */
  warnings: string[];
  armSummaries: ArmSummaryRow[];
  comparisons: ComparisonRow[];
  baselines: BaselineRow[];
  /** One row per (arm, seed): the score at the policy checkpoint. */
  seedScores: SeedScoreRow[];
  /** One row per (arm, seed, checkpoint): mean over prompts and the checkpoint's val loss. */
  checkpointScores: CheckpointScoreRow[];
  /** The band drawn around the mean over seeds in the curve charts (`report --band`). */
  band: BandKind;
  /** Per (arm, step): mean score over seeds and the band. */
  trajectory: TrajectoryRow[];
  /** Training loss per (arm, seed, step) as mlx-lm reported it (at most MAX_CURVE_STEPS steps per run). */
  trainLoss: LossPoint[];
  /** Per (arm, step): mean training loss over seeds and the band. */
  trainLossBand: TrajectoryRow[];
  /** Val loss per (arm, seed, step): every validation mlx-lm ran, else the evaluated checkpoints'. */
  valLoss: LossPoint[];
  /** Per (arm, step): mean val loss over seeds and the band. */
  valLossBand: TrajectoryRow[];
  /** Final vs best-val vs oracle per arm, with its sentences (empty without an analysis). */
  checkpointSelection: CheckpointSelectionArm[];
  /** Per (arm, seed, category) at the policy checkpoint. */
  categoryCells: CategoryCell[];
  /** Per (arm, prompt) at the policy checkpoint, least stable first. */
  promptStability: PromptStabilityRow[];
  /** Per (arm, checkpoint, failure class): count over seeds and prompts. */
  failureCounts: FailureCountRow[];
  varianceComponents: VarianceRow[];
  power: PowerRow[];
  drilldown: Drilldown;
  provenance: Provenance;
  /** Long-format observations, sorted (arm order, seed, step, prompt, repeat): scores.csv. */
  observations: readonly Observation[];
  /** The `analyze --json` document, written verbatim as summary.json (null when not available). */
  analysis: AnalysisResult | null;
  /** The sequential design's looks and decision (sequential.json); null for a fixed study. */
  sequential: SequentialSection | null;
}

/** What the study is and how the headline numbers were chosen. */
export interface StudyInfo {
  name: string;
  description: string | null;
  /** Pre-registered checkpoint policy: final, best-val or step=N. */
  checkpointPolicy: string;
  passThreshold: number;
}

/** An arm and its colour (the same in every chart). */
export interface ArmInfo {
  name: string;
  color: string;
}

/** An interval as shown; null when the statistic is insufficient (reason in `note`). */
export interface ShownInterval {
  low: number;
  high: number;
  method: string;
}

/** One arm over its seeds. Null values were insufficient; `notes` say why. */
export interface ArmSummaryRow {
  arm: string;
  nSeeds: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  iqm: number | null;
  min: number | null;
  max: number | null;
  ci95: ShownInterval | null;
  pi95: ShownInterval | null;
  notes: string[];
}

/** Arm A vs arm B over seeds. */
export interface ComparisonRow {
  a: string;
  b: string;
  diff: number | null;
  ci95: ShownInterval | null;
  welchP: number | null;
  welchPHolm: number | null;
  mannWhitneyP: number | null;
  permutationP: number | null;
  hedgesG: number | null;
  probImprovement: number | null;
  probImprovementCi: ShownInterval | null;
}

/** A claimed historical value checked against an arm. */
export interface BaselineRow {
  name: string;
  claimed: number;
  arm: string;
  source: string | null;
  percentile: number | null;
  probAtLeast: number | null;
  probAtLeastCi: ShownInterval | null;
  inPi95: boolean | null;
  verdict: 'reproduces' | 'does-not-reproduce' | 'inconclusive' | 'not-comparable' | 'not-analysed';
  /** Why the claim cannot come from this eval (empty when it can): the comparability gate's problems. */
  comparabilityProblems: string[];
  verdictReason: string;
  seedsNeeded: number | null;
  nSeeds: number;
}

/** A seed's headline score. */
export interface SeedScoreRow {
  arm: string;
  seed: number;
  step: number;
  score: number;
  valLoss: number | null;
  nPrompts: number;
}

/** A checkpoint's mean score over prompts; the policy checkpoint's row is its seed's SeedScoreRow. */
export interface CheckpointScoreRow extends SeedScoreRow {
  sha256: string | null;
  /** True when this is the checkpoint the policy picked for this seed. */
  policy: boolean;
}

/** One loss value of one seed at one step. */
export interface LossPoint {
  arm: string;
  seed: number;
  step: number;
  loss: number;
}

/** Which checkpoint each seed of an arm would report under each rule, and what that choice is worth. */
export interface CheckpointSelectionArm {
  arm: string;
  seeds: {
    seed: number;
    final: { step: number; score: number };
    bestVal: { step: number; score: number; valLoss: number } | null;
    oracle: { step: number; score: number };
    /** oracle − best-val score; null without val loss. */
    regret: number | null;
  }[];
  /** Plain sentence first, then the numbers (wording/checkpoint-selection.ts). */
  verdicts: Verdict[];
}

/** Mean over seeds at one step, with the band the report was asked for (min–max, ± sd or ± se). */
export interface TrajectoryRow {
  arm: string;
  step: number;
  mean: number;
  low: number;
  high: number;
  nSeeds: number;
}

/** Mean score of one category for one seed. */
export interface CategoryCell {
  arm: string;
  seed: number;
  category: string;
  score: number;
  nPrompts: number;
}

/** How one prompt behaves across seeds. */
export interface PromptStabilityRow {
  arm: string;
  promptId: string;
  category: string;
  passRate: number;
  meanScore: number;
  nSeeds: number;
  kind: 'always' | 'never' | 'seed-dependent';
}

/** Count of one failure class. */
export interface FailureCountRow {
  arm: string;
  step: number;
  failureClass: string;
  count: number;
}

/** One variance component of one arm. */
export interface VarianceRow {
  arm: string;
  component: 'between seeds (training)' | 'between prompts' | 'seed × prompt interaction' | 'decoding';
  variance: number;
  share: number;
}

/** Seeds needed per arm to detect a difference. */
export interface PowerRow {
  arm: string;
  sdBetweenSeeds: number;
  nSeeds: number;
  detectableDifference: number | null;
  curve: { delta: number; seedsPerArm: number }[];
}

/** The per-prompt outputs shown in the report, limited so big studies stay readable. */
export interface Drilldown {
  prompts: DrilldownPrompt[];
  /** Why some prompts or seeds are not shown, if any. */
  note: string | null;
}

/** One prompt with every shown seed's output at its policy checkpoint. */
export interface DrilldownPrompt {
  promptId: string;
  category: string;
  arms: { arm: string; passRate: number; entries: DrilldownEntry[] }[];
}

/** One seed's answer to one prompt. Output is untrusted model text. */
export interface DrilldownEntry {
  seed: number;
  step: number;
  score: number;
  failureClass: string | null;
  reason: string | null;
  finishReason: string | null;
  output: string | null;
  /** Characters cut from the end of a long output. */
  truncatedChars: number;
}

/** Where every number came from. */
export interface Provenance {
  generatedAt: string;
  seedstudyVersion: string;
  studyFileSha256: string | null;
  /** Commit of the repository holding the study file, when it is a git checkout. */
  gitCommit: string | null;
  runs: ProvenanceRun[];
}

/** One run's identity and environment. */
export interface ProvenanceRun {
  runId: string;
  arm: string;
  seed: number;
  status: string;
  mlxLmVersion: string | null;
  /** Set when the run was trained by the prefix-cache trainer (absent: `mlx_lm lora`). */
  trainer?: 'prefix-cache';
  /** The prefix-cache trainer continued this run exactly from the state saved at this iteration. */
  resumedFromIteration?: number;
  gitCommit: string | null;
  host: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  checkpoints: { step: number; sha256: string | null }[];
}
