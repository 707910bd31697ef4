/**
 * Where every key of an `mlx_lm lora` YAML config goes in a study: the one table behind
 * `seedstudy init --from`, `train: {from: ...}` and the hints for a key written in the wrong
 * place. Keys come from mlx-lm's CONFIG_DEFAULTS (mlx_lm/lora.py, 0.32.2; test/study/
 * mlx-config-keys.test.ts checks every one is here) plus older or dataset-only keys people
 * still have in their configs (`wandb`, `hf_dataset`, the `*_feature` names).
 */

/** How seedstudy treats one mlx-lm config key. */
export type MlxKeyPlace =
  /** Same name and meaning under `train:`. */
  | { kind: 'train' }
  /** A top-level study key (`model`, `data`), relative to the study file there. */
  | { kind: 'top' }
  /**
   * Set or done by seedstudy itself: `note` says where the setting lives in a study (it is the
   * comment `init` writes and the fix `validate` gives). `harmless` values (what seedstudy does
   * anyway, or mlx-lm's "off") may stay in a config used through `train: {from: ...}`.
   */
  | { kind: 'handled'; note: string; harmless: (value: unknown) => boolean };

const train = { kind: 'train' } as const;
const top = { kind: 'top' } as const;
const isNull = (value: unknown) => value === null;
const handled = (note: string, harmless: (value: unknown) => boolean = isNull): MlxKeyPlace => ({
  kind: 'handled',
  note,
  harmless,
});
const commandLineOnly = (flag: string, off: unknown) =>
  handled(
    `mlx-lm reads it from the command line only (\`${flag}\`); pass it through \`engine.lora_command\`, ` +
      `e.g. [python, -m, mlx_lm, lora, ${flag}${off === false ? '' : ' <value>'}]`,
    (value) => value === null || value === off,
  );
const noReporting = handled(
  "seedstudy records every run's training and validation losses itself (the run's metrics.jsonl); " +
    'reporting to W&B or SwanLab is not supported',
);
const noFeatureNames = handled(
  'not passed to mlx-lm by seedstudy; name the JSONL fields as mlx-lm expects by default ' +
    '(messages, prompt/completion, text)',
);

/** Every known mlx-lm config key, in the order of mlx-lm's CONFIG_DEFAULTS, then the extra ones. */
export const mlxConfigKeys: Readonly<Record<string, MlxKeyPlace>> = {
  model: top,
  train: handled('seedstudy trains every run (`train: true` is implied)', (value) => value === null || value === true),
  fine_tune_type: train,
  optimizer: train,
  optimizer_config: train,
  data: top,
  seed: handled("each run's seed comes from the study's `seeds:` (e.g. `seeds: {count: 8, start: 0}`)"),
  num_layers: train,
  batch_size: train,
  iters: train,
  val_batches: train,
  learning_rate: train,
  steps_per_report: train,
  steps_per_eval: train,
  resume_adapter_file: handled(
    'seedstudy resumes its own interrupted runs from their last checkpoint; starting every run from a given ' +
      'adapter is not supported',
  ),
  adapter_path: handled(
    "each run's adapters go to <output>/runs/<arm>/seed-<N>/adapters (set `output:` to move them)",
    () => true,
  ),
  save_every: train,
  test: handled(
    "`eval.exact_loss: true` (the default) computes every evaluated checkpoint's test loss",
    (value) => value === null || value === false,
  ),
  test_batches: handled('`eval.exact_loss: true` (the default) computes test loss on the whole test split'),
  max_seq_length: train,
  config: handled('a config file cannot name another config file'),
  grad_checkpoint: train,
  grad_accumulation_steps: train,
  clear_cache_threshold: commandLineOnly('--clear-cache-threshold', 0),
  lr_schedule: train,
  lora_parameters: train,
  mask_prompt: train,
  report_to: noReporting,
  project_name: noReporting,
  trust_remote_code: commandLineOnly('--trust-remote-code', false),
  // Not in 0.32's CONFIG_DEFAULTS, but in older configs (wandb: mlx-lm <= 0.25) or read by its dataset loader.
  wandb: noReporting,
  hf_dataset: handled(
    'seedstudy trains on a local directory (`data:`); write the dataset out as train.jsonl, ' +
      'valid.jsonl and test.jsonl',
  ),
  prompt_feature: noFeatureNames,
  completion_feature: noFeatureNames,
  chat_feature: noFeatureNames,
  text_feature: noFeatureNames,
};

/** The table entry of `key`, or undefined for a key mlx-lm does not know. */
export function mlxKeyPlace(key: string): MlxKeyPlace | undefined {
  return Object.hasOwn(mlxConfigKeys, key) ? mlxConfigKeys[key] : undefined;
}
