import { mergeTrain } from '../study/merge-train.js';
import type { Arm } from '../study/schema.js';
import type { Study } from '../study/study.js';
import { runLayout } from './run-layout.js';
import type { MlxLoraConfig } from './run-spec.js';

/**
 * The exact `mlx_lm lora --config` of one run: the study's train settings with the arm's
 * overrides, plus model, data, seed and adapter_path. Nothing is invented: a setting the
 * user left out stays out, so mlx-lm's own default applies and the YAML shows the truth.
 * `shuffle_train_per_seed` is seedstudy's, not mlx-lm's: it is removed and `data` then
 * points at the run's own shuffled copy.
 */
export function resolveRunConfig(study: Study, arm: Arm, seed: number, runDir: string): MlxLoraConfig {
  const { shuffle_train_per_seed: shuffle, ...settings } = mergeTrain(study.train, arm.train);
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    model: study.model,
    data: shuffle ? runLayout.data(runDir) : study.data,
    train: true,
    seed,
    adapter_path: runLayout.adapters(runDir),
    ...sorted,
  };
}

/** Whether the run trains on a per-seed shuffled copy of train.jsonl. */
export function shufflesPerSeed(study: Study, arm: Arm): boolean {
  return mergeTrain(study.train, arm.train).shuffle_train_per_seed === true;
}
