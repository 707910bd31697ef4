import { z } from 'zod';

/**
 * The study file's `executor:` block: where runs train, locally or as one Slurm job array. Split out of
 * schema.ts (the study file's schema) because it is the part cluster users edit; operational only, so
 * none of it changes a run's identity (plan/field-classes.ts).
 */

/**
 * Which program trains each run. `prefix-cache` is opt-in and exact (docs/prefix-cache.md): the same
 * checkpoints as `mlx_lm lora`, bit for bit, with the frozen layers below LoRA computed once per study.
 */
export const trainerSchema = z
  .enum(['mlx-lm', 'prefix-cache'])
  .optional()
  .describe(
    "Default mlx-lm: `mlx_lm lora`. prefix-cache: mlx-lm's own loop over cached activations of the frozen layers below LoRA (same checkpoints, less compute per seed, exact resume; see docs/prefix-cache.md).",
  );

/** The trainer a study selected. */
export type TrainerKind = 'mlx-lm' | 'prefix-cache';

/** The study's trainer, with the default filled in (absent means `mlx_lm lora`). */
export function trainerOf(study: { executor: { trainer?: TrainerKind | undefined } }): TrainerKind {
  return study.executor.trainer ?? 'mlx-lm';
}

export const localExecutorSchema = z.strictObject({
  kind: z.literal('local'),
  trainer: trainerSchema,
  concurrency: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('Runs trained at once (a Mac shares GPU memory: default 1).'),
  eval_concurrency: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe(
      'Evaluations that may run beside training (each holds one model). 0 (default): an evaluation takes one of the `concurrency` slots, so with concurrency 1 one trainer OR one evaluator runs at a time (a Mac never holds two large models); N: up to N evaluations run alongside the trainers.',
    ),
  stall_timeout_s: z.number().positive().default(900).describe('Stop a trainer that prints nothing for this long.'),
  grace_s: z.number().positive().default(10).describe('Seconds between SIGTERM and SIGKILL.'),
});

const RESERVED_SBATCH = [
  '--array',
  '-a',
  '--output',
  '-o',
  '--error',
  '-e',
  '--parsable',
  '--hold',
  '-H',
  '--job-name',
  '-J',
  '--wrap',
];

/** Runs every (arm, seed) as one task of a Slurm job array; see docs/slurm.md. */
export const slurmExecutorSchema = z.strictObject({
  kind: z.literal('slurm'),
  trainer: trainerSchema,
  concurrency: z
    .number()
    .int()
    .positive()
    .default(4)
    .describe('Array throttle: at most this many tasks of a batch run at once (sbatch --array=...%N).'),
  partition: z.string().min(1).optional().describe('sbatch --partition.'),
  time: z
    .string()
    .regex(
      /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}(:\d{1,2}){0,2}|UNLIMITED|INFINITE)$/,
      'must be a Slurm time: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS',
    )
    .optional()
    .describe(
      'Time limit of each task (train + evaluate one run), e.g. "02:00:00". A task that hits it is recorded as failed.',
    ),
  cpus_per_task: z.number().int().positive().optional().describe('sbatch --cpus-per-task.'),
  mem: z
    .string()
    .regex(/^\d+[KMGT]?$/i, 'must be a number with an optional K, M, G or T suffix, e.g. "32G"')
    .optional()
    .describe('Memory per task (sbatch --mem), e.g. "32G".'),
  gres: z.string().min(1).optional().describe('Generic resources per task (sbatch --gres), e.g. "gpu:1".'),
  account: z.string().min(1).optional().describe('sbatch --account.'),
  qos: z.string().min(1).optional().describe('sbatch --qos.'),
  extra_args: z
    .array(z.string())
    .default([])
    .refine((args) => !args.some((a) => RESERVED_SBATCH.includes(a.split('=')[0]!)), {
      message: `may not set options seedstudy sets itself (${RESERVED_SBATCH.join(', ')})`,
    })
    .describe('Extra sbatch arguments, e.g. ["--constraint=a100", "--exclusive"].'),
  setup: z
    .array(z.string())
    .default([])
    .describe('Shell lines run in the batch script before the task, e.g. ["module load cuda"].'),
  node_command: z
    .array(z.string())
    .min(1)
    .optional()
    .describe(
      "argv prefix that runs seedstudy on the nodes; default: this node binary and this installation's bin/seedstudy.js (both on the shared filesystem).",
    ),
  poll_s: z.number().positive().default(5).describe('Seconds between squeue polls while waiting for tasks.'),
  stall_timeout_s: z
    .number()
    .positive()
    .default(900)
    .describe('Stop a trainer that prints nothing for this long (inside the task).'),
  grace_s: z
    .number()
    .positive()
    .default(10)
    .describe('Seconds between SIGTERM and SIGKILL for the trainer inside the task.'),
});

export const executorSchema = z.discriminatedUnion('kind', [localExecutorSchema, slurmExecutorSchema]);
