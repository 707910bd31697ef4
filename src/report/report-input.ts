import type { AnalysisResult } from '../statistics/analysis-result.js';
import type { Observation } from '../statistics/observation.js';
import type { BandKind } from './band.js';
import type { ProvenanceRun } from './report-model.js';
import type { SequentialRecord } from '../results/sequential-record.js';
import type { SequentialDesignFacts } from '../wording/sequential-outcome.js';

/**
 * Everything `buildReportModel` needs, already read from disk by the pipeline (the model
 * builder does no I/O, so tests feed it fixtures and the bench feeds it synthetic data).
 */
export interface ReportInput {
  study: {
    name: string;
    description?: string | null | undefined;
    /** Arm names in study order (fixes colours and row order). */
    arms: readonly string[];
    checkpointPolicy: string;
    passThreshold: number;
    fileSha256?: string | null | undefined;
    gitCommit?: string | null | undefined;
  };
  /** Long-format scores of every evaluated checkpoint (observations.jsonl). */
  observations: readonly Observation[];
  /** The `analyze --json` document (summary.json); null: descriptive fallbacks only. */
  analysis?: AnalysisResult | null | undefined;
  /** Per-checkpoint val losses (metrics.jsonl), used where observations carry none. */
  valLosses?: readonly { arm: string; seed: number; step: number; valLoss: number }[] | undefined;
  /** Training losses as mlx-lm reported them (metrics.jsonl), for the training-loss curves. */
  trainLosses?: readonly { arm: string; seed: number; step: number; trainLoss: number }[] | undefined;
  /** The band around the mean over seeds in the curve charts (default min–max). */
  band?: BandKind | undefined;
  /** Model outputs with their scorer reasons, at least for the policy checkpoints (drill-down). */
  outputs?: readonly ReportOutput[] | undefined;
  /** One entry per run (run.json) for the provenance table and checkpoint hashes. */
  runs?: readonly ProvenanceRun[] | undefined;
  /** sequential.json (validated) and the design facts the study file adds; absent or null: a fixed study. */
  sequential?: { record: SequentialRecord; design?: SequentialDesignFacts | undefined } | null | undefined;
  /** Injected clock and version, so reports are reproducible and goldens stable. */
  generatedAt: string;
  seedstudyVersion: string;
  limits?: Partial<ReportLimits> | undefined;
}

/** One generation and how it was scored. `output` is untrusted model text. */
export interface ReportOutput {
  arm: string;
  seed: number;
  step: number;
  promptId: string;
  output: string | null;
  reason?: string | null | undefined;
  finishReason?: string | null | undefined;
}

/** Size limits that keep big reports readable and fast. */
export interface ReportLimits {
  /** Prompts in the drill-down (least stable first). */
  drilldownPrompts: number;
  /** Seeds per arm shown per prompt in the drill-down. */
  drilldownSeeds: number;
  /** Characters of one output shown; the rest is cut with a note. */
  outputChars: number;
}

/** Defaults: a 500-prompt, 100-seed study still gives an HTML file a browser opens instantly. */
export const DEFAULT_LIMITS: ReportLimits = { drilldownPrompts: 60, drilldownSeeds: 12, outputChars: 2000 };
