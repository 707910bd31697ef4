import { z } from 'zod';
import { claimedFigureSchema } from './claimed-figure.js';
import { checkpointSelectionSchema, evalSettingsSchema, scorerConfigSchema } from './eval-settings-schema.js';
import { executorSchema, localExecutorSchema, slurmExecutorSchema } from './executor-schema.js';
import { sequentialSchema } from './sequential-schema.js';

/**
 * The study file's schema: the one definition the loader validates against, the JSON
 * Schema (`seedstudy schema`) is generated from, and the docs describe. Objects are
 * strict so a typo such as `learning_rat` is an error, never silently ignored.
 * Keys are snake_case, like mlx-lm's own YAML config.
 */

const nameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .describe('A name safe to use as a directory name.');

/** LoRA layer settings; mlx-lm replaces its default as a whole, so all three numbers are required. */
export const loraParametersSchema = z
  .strictObject({
    rank: z.number().int().positive().describe('LoRA rank r.'),
    scale: z.number().positive().describe('Multiplier of the LoRA delta (not alpha/r).'),
    dropout: z.number().min(0).max(1).describe('Dropout on the LoRA input.'),
    keys: z
      .array(z.string())
      .optional()
      .describe(
        'Module paths to adapt inside each block, e.g. ["self_attn.q_proj"]. Pins behaviour across mlx-lm versions.',
      ),
  })
  .describe('mlx-lm `lora_parameters`.');

/** Every `mlx_lm lora` training setting a study may set; all optional so arms can override parts. */
export const trainSettingsSchema = z
  .strictObject({
    iters: z.number().int().positive().optional().describe('Training iterations (micro-batches).'),
    batch_size: z.number().int().positive().optional(),
    learning_rate: z.number().positive().optional().describe('Ignored by mlx-lm when lr_schedule is set.'),
    num_layers: z.number().int().min(-1).optional().describe('LoRA on the last N blocks; -1 means all.'),
    lora_parameters: loraParametersSchema.optional(),
    save_every: z.number().int().positive().optional().describe('Checkpoint interval; iters must be a multiple of it.'),
    steps_per_eval: z.number().int().positive().optional(),
    steps_per_report: z.number().int().positive().optional(),
    val_batches: z.number().int().min(-1).optional().describe('-1 means the whole validation set.'),
    max_seq_length: z.number().int().positive().optional(),
    mask_prompt: z.boolean().optional(),
    fine_tune_type: z.enum(['lora', 'dora', 'full']).optional(),
    optimizer: z.enum(['adam', 'adamw', 'muon', 'sgd', 'adafactor']).optional(),
    optimizer_config: z
      .record(z.string(), z.record(z.string(), z.unknown()))
      .optional()
      .describe('Keyed by optimizer name, e.g. {adamw: {weight_decay: 0.01}}.'),
    lr_schedule: z
      .strictObject({
        name: z.string(),
        arguments: z.array(z.number()),
        warmup: z.number().int().min(0).optional(),
        warmup_init: z.number().optional(),
      })
      .optional(),
    grad_checkpoint: z.boolean().optional(),
    grad_accumulation_steps: z.number().int().positive().optional(),
    shuffle_train_per_seed: z
      .boolean()
      .optional()
      .describe(
        'seedstudy option: write a per-seed shuffled copy of train.jsonl. mlx-lm fixes batch composition by file order, so without this only batch order depends on the seed.',
      ),
  })
  .describe('Any `mlx_lm lora` setting.');

/** An arm's overrides: like `train`, but `lora_parameters` may be partial (it is deep-merged over the study's). */
export const armTrainSettingsSchema = trainSettingsSchema
  .extend({
    lora_parameters: loraParametersSchema
      .partial()
      .optional()
      .describe('Merged key by key over the study-level lora_parameters.'),
  })
  .describe('Overrides merged over the study-level train settings.');

export const armSchema = z
  .strictObject({
    name: nameSchema,
    description: z.string().optional(),
    train: armTrainSettingsSchema.optional().describe('Overrides merged over the study-level train settings.'),
  })
  .describe('A named variant of the base training config.');

export const seedRangeSchema = z.strictObject({
  count: z.number().int().positive().describe('How many seeds.'),
  start: z.number().int().min(0).default(0).describe('First seed.'),
});

export const seedsSchema = z
  .union([
    z.array(z.number().int().min(0)).min(1),
    seedRangeSchema,
    z.string().min(1).describe('Name of a seed set in seeds/, e.g. "standard-8".'),
  ])
  .describe('Seeds shared by all arms, so runs are paired by seed.');

export const baselineSchema = z
  .strictObject({
    name: nameSchema,
    claimed: claimedFigureSchema.describe(
      'Claimed overall score: a fraction (0.824) or a percentage string ("82.4%") as printed in the source.',
    ),
    tolerance: z
      .number()
      .min(0)
      .max(0.5)
      .optional()
      .describe(
        'Rounding allowed around the claimed overall, as a fraction (0.0005 = ±0.05 points); default half a unit of its last printed digit. Category figures always use their own printed precision.',
      ),
    repeats: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe(
        'Evaluations per prompt averaged into the claimed figures (1: one pass, as most write-ups report); sets the grid the claim is checked on, whatever eval.repeats is.',
      ),
    arm: z.string().optional().describe('Arm it should be compared with; defaults to the only arm.'),
    source: z.string().optional().describe('Where the claim comes from.'),
    prompt_count: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Number of prompts the claim was scored on (for the comparability check).'),
    categories: z
      .record(z.string(), claimedFigureSchema)
      .optional()
      .describe('Claimed per-category scores (fractions or "90%"), checked for reachability and against the overall.'),
  })
  .describe('A claimed historical result to check.');

export const engineSchema = z
  .strictObject({
    python: z
      .string()
      .optional()
      .describe(
        "Python interpreter with mlx-lm (SEEDSTUDY_PYTHON overrides it); default: the installation's .venv, " +
          'else ~/.local/share/seedstudy/venv (created by `seedstudy setup`).',
      ),
    lora_command: z
      .array(z.string())
      .optional()
      .describe('argv prefix replacing `python -m mlx_lm lora` (e.g. a wrapper script).'),
  })
  .describe('Which mlx-lm installation runs the work.');

export const analysisSettingsSchema = z
  .strictObject({
    checkpoint: z
      .string()
      .regex(/^(final|best-val|step=\d+)$/, 'must be final, best-val or step=N')
      .default('final')
      .describe('Pre-registered checkpoint policy for headline numbers: final, best-val or step=N.'),
    pass_threshold: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe('A prompt counts as passed when its score is at least this.'),
    resamples: z.number().int().positive().default(10000),
    rng_seed: z.number().int().default(1),
  })
  .describe('Pre-registered analysis choices.');

export const keepCheckpointsSchema = z.enum(['all', 'final', 'best-val-loss', 'none']);

export const studySchema = z
  .strictObject({
    name: nameSchema.describe('Study name; default output directory is runs/<name>/.'),
    description: z.string().optional(),
    model: z.string().describe('Local mlx model directory (relative to the study file).'),
    data: z.string().describe('Directory with train.jsonl, valid.jsonl, test.jsonl (relative to the study file).'),
    train: trainSettingsSchema.default({}),
    arms: z.array(armSchema).default([]).describe('Variants; none means one implicit arm named "base".'),
    seeds: seedsSchema,
    eval: evalSettingsSchema,
    baselines: z.array(baselineSchema).default([]),
    executor: executorSchema.default({
      kind: 'local',
      concurrency: 1,
      eval_concurrency: 0,
      stall_timeout_s: 900,
      grace_s: 10,
    }),
    engine: engineSchema.default({}),
    analysis: analysisSettingsSchema.default({ checkpoint: 'final', pass_threshold: 1, resamples: 10000, rng_seed: 1 }),
    output: z
      .string()
      .optional()
      .describe('Output directory (relative to the study file); default runs/<name>/ under the current directory.'),
    keep_checkpoints: keepCheckpointsSchema.default('all').describe("Applied once a run's evaluation is complete."),
    sequential: sequentialSchema.optional(),
  })
  .describe('A seedstudy study file.');

// Re-exported: the study schema's parts are imported from here across the tree.
export { checkpointSelectionSchema, evalSettingsSchema, scorerConfigSchema, executorSchema, localExecutorSchema };
export { slurmExecutorSchema };

/** The study as written by the user, after defaults. */
export type StudyFile = z.infer<typeof studySchema>;
export type TrainSettings = z.infer<typeof trainSettingsSchema>;
export type Arm = z.infer<typeof armSchema>;
export type ArmTrainSettings = z.infer<typeof armTrainSettingsSchema>;
export type EvalSettings = z.infer<typeof evalSettingsSchema>;
export type ScorerConfig = z.infer<typeof scorerConfigSchema>;
export type Baseline = z.infer<typeof baselineSchema>;
export type ExecutorSettings = z.infer<typeof executorSchema>;
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;
export type KeepCheckpoints = z.infer<typeof keepCheckpointsSchema>;
