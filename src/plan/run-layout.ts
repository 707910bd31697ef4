import { join } from 'node:path';

/**
 * Where each stage keeps its files. Every path of the results store is derived here, so
 * a Slurm task on another node and the orchestrator agree on them, and each task writes
 * only inside its own run directory.
 */
export const runLayout = {
  /** `<output>/runs/<arm>/seed-<seed>` */
  runDir: (outputDir: string, arm: string, seed: number) => join(outputDir, 'runs', arm, `seed-${seed}`),
  runRecord: (runDir: string) => join(runDir, 'run.json'),
  loraConfig: (runDir: string) => join(runDir, 'lora_config.yaml'),
  trainLog: (runDir: string) => join(runDir, 'train.log'),
  metrics: (runDir: string) => join(runDir, 'metrics.jsonl'),
  adapters: (runDir: string) => join(runDir, 'adapters'),
  /** Per-seed shuffled copy of the data when `shuffle_train_per_seed` is on. */
  data: (runDir: string) => join(runDir, 'data'),
  evalDir: (runDir: string) => join(runDir, 'eval'),
  /** `<runDir>/eval/step-0000200` (step 0 = base model). */
  checkpointEvalDir: (runDir: string, step: number) => join(runDir, 'eval', `step-${String(step).padStart(7, '0')}`),
  /** `<runDir>/eval/base.json`: which shared base-model evaluation stands for this run's step 0. */
  basePointer: (runDir: string) => join(runDir, 'eval', 'base.json'),
  /** `<runDir>/eval/losses.json`: exact val/test losses computed ahead of generation (best-val decides first). */
  lossAhead: (runDir: string) => join(runDir, 'eval', 'losses.json'),
  /** `<runDir>/task.json`: what a Slurm array task did for this run (written on the node, by the task only). */
  taskRecord: (runDir: string) => join(runDir, 'task.json'),
} as const;

/** Study-level files under the output directory. */
export const studyLayout = {
  plan: (outputDir: string) => join(outputDir, 'plan.json'),
  lock: (outputDir: string) => join(outputDir, 'seedstudy.lock'),
  /** Training's check that different seeds trained differently (written by `train`). */
  seedCheck: (outputDir: string) => join(outputDir, 'seed-check.json'),
  summary: (outputDir: string) => join(outputDir, 'summary.json'),
  observations: (outputDir: string) => join(outputDir, 'observations.jsonl'),
  slurmDir: (outputDir: string) => join(outputDir, 'slurm'),
  /** Which study owns the output directory (written at its first write; see pipeline/output-owner.ts). */
  owner: (outputDir: string) => join(outputDir, 'study.json'),
  /** The plan each derived file (observations.jsonl, summary.json) was built for (pipeline/derived-files.ts). */
  derived: (outputDir: string) => join(outputDir, 'derived.json'),
  /** `<output>/base/<identity prefix>`: the base model's one evaluation per (model, eval identity). */
  baseEvalDir: (outputDir: string, identity: string) => join(outputDir, 'base', identity.slice(0, 16)),
} as const;
