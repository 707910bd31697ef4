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

/** The expanded study: arms × seeds in seed-major order. Printed by `seedstudy plan --json`. */
export interface Plan {
  study: { name: string; file: string; outputDir: string; arms: string[]; seeds: number[] };
  runs: RunSpec[];
}
