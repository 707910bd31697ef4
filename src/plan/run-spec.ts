import type { PrefixCacheEstimate } from './prefix-cache-estimate.js';
/**
 * The resolved `mlx_lm lora` YAML config of one run: exactly what is written to
 * `<runDir>/lora_config.yaml` and passed with `--config`.
 */
export interface MlxLoraConfig {
  model: string;
  data: string;
  train: true;
  seed: number;
  adapter_path: string;
  [setting: string]: unknown;
}

/**
 * One (arm, seed) run of a plan. `runId` is a content hash over everything that changes
 * the run's outcome (see run-identity.ts); two specs with the same runId must produce the
 * same adapters up to float noise.
 */
export interface RunSpec {
  runId: string;
  arm: string;
  seed: number;
  /** Absolute run directory: `<output>/runs/<arm>/seed-<seed>`. */
  runDir: string;
  config: MlxLoraConfig;
}

/**
 * The model every run of a plan trains: where it is, where it came from, and the content hashes its
 * identity is made of, so `plan --json` shows which weights (and which Hugging Face commit) a runId means.
 */
export interface PlanModel {
  /** Absolute model directory (a hub cache snapshot for a repo id). */
  path: string;
  /** The Hugging Face repo, revision as written and resolved commit, when `model:` was a repo id. */
  hf: { repo: string; revision: string; commit: string } | null;
  /** The model identity hashed into every runId (content-identity.ts). */
  sha256: string;
  /** Every top-level file with the sha256 of its content (symlinks followed). */
  files: { name: string; sha256: string }[];
}

/** One activation cache of the prefix-cache trainer as the plan shows it (docs/prefix-cache.md). */
export interface PlanPrefixCache {
  dir: string;
  estimate: PrefixCacheEstimate;
  /** Its size on disk once built (manifest.json), else null. */
  builtBytes: number | null;
}

/** The expanded study: arms × seeds in seed-major order. Printed by `seedstudy plan --json`. */
export interface Plan {
  study: { name: string; file: string; outputDir: string; arms: string[]; seeds: number[] };
  model: PlanModel;
  runs: RunSpec[];
  /** With executor.trainer: prefix-cache, the caches the runs share; absent otherwise. */
  prefixCaches?: PlanPrefixCache[];
}
