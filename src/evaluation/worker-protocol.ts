import { z } from 'zod';
import { generatedAnswerShape } from '../results/generation-record.js';

/**
 * The JSON lines `scripts/eval_worker.py` prints, and the job spec it reads. Both sides of the
 * protocol live here so the TypeScript driver validates every line it trusts.
 */
export const workerGenerationSchema = z.object({
  type: z.literal('generation'),
  step: z.number().int(),
  checkpoint_file: z.string().nullable(),
  checkpoint_sha256: z.string().nullable(),
  prompt_id: z.string(),
  repeat: z.number().int().min(0),
  ...generatedAnswerShape,
  // max_tokens is the only limit a generation has, so its end never depends on the machine's load.
  finish_reason: z.enum(['stop', 'length']),
});

/**
 * Throughput of one checkpoint's generation, sent with `checkpoint_done` and stored in its manifest, so a slow
 * evaluation can be told apart from a badly batched one (all optional: older or external workers omit them).
 */
export const workerThroughputShape = {
  batching: z.enum(['continuous', 'chunked']).optional(),
  batch_size: z.number().int().optional(),
  generated_tokens: z.number().int().min(0).optional(),
  generation_wall_seconds: z.number().min(0).optional(),
  tokens_per_s: z.number().nullable().optional(),
  mean_batch_occupancy: z.number().nullable().optional(),
  prefix_tokens: z.number().int().min(0).optional(),
  prefix_prefills: z.number().int().min(0).optional(),
};

/** Any line of the worker's stdout protocol. */
export const workerLineSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('worker_info'),
      model_loads: z.number().int(),
      mlx_version: z.string(),
      mlx_lm_version: z.string(),
    })
    .passthrough(),
  z.object({
    type: z.literal('prompt_start'),
    step: z.number().int(),
    prompt_id: z.string(),
    repeat: z.number().int(),
  }),
  workerGenerationSchema,
  z
    .object({
      type: z.literal('loss'),
      step: z.number().int(),
      val_loss: z.number().nullable().optional(),
      test_loss: z.number().nullable().optional(),
      val_examples: z.number().int().optional(),
      test_examples: z.number().int().optional(),
      seconds: z.number().optional(),
    })
    .passthrough(),
  z.object({ type: z.literal('checkpoint_done'), step: z.number().int(), ...workerThroughputShape }),
  z
    .object({
      type: z.literal('error'),
      kind: z.string(),
      message: z.string(),
      step: z.number().int().optional(),
      repeat: z.number().int().optional(),
      prompt_ids: z.array(z.string()).optional(),
    })
    .passthrough(),
]);

/** Parsed protocol lines, by type. */
export type WorkerLine = z.infer<typeof workerLineSchema>;
export type WorkerGeneration = z.infer<typeof workerGenerationSchema>;
export type WorkerLoss = Extract<WorkerLine, { type: 'loss' }>;
export type WorkerInfo = Extract<WorkerLine, { type: 'worker_info' }>;
export type WorkerThroughput = Omit<Extract<WorkerLine, { type: 'checkpoint_done' }>, 'type' | 'step'>;

/** One checkpoint for the worker; `file: null` is the base model (adapter zeroed) or a fused model dir. */
export interface WorkerCheckpoint {
  step: number;
  file: string | null;
  sha256: string | null;
}

/** The job file the worker reads (snake_case: it is Python's input). */
export interface WorkerJob {
  model: string;
  /** The run's adapters/adapter_config.json; null evaluates `model` as is (fused mode). */
  adapter_config: string | null;
  checkpoints: WorkerCheckpoint[];
  prompts: { id: string; messages: unknown[]; tools?: unknown[]; max_tokens: number }[];
  settings: {
    temperature: number;
    top_p: number;
    eval_seed?: number;
    repeats: number;
    /** Greedy prompts generated together with mlx-lm's BatchGenerator; 1 = one by one (stream_generate). */
    batch_size?: number;
    /** Greedy scheduling: `continuous` (default; a new prompt enters as one finishes) or the old fixed `chunked`. */
    batching?: 'continuous' | 'chunked';
    /** Prefill the prompts' common token prefix once per checkpoint (default true). */
    prefix_cache?: boolean;
    chat_template_args: Record<string, unknown>;
    system_prompt?: string;
    /** Read by the driver's hang guard only; the worker ignores it (max_tokens is the limit). */
    prompt_timeout_s: number;
  };
  /** Exact loss on the whole valid/test split; null skips it. */
  loss: {
    data: string;
    batch_size: number;
    max_seq_length: number;
    mask_prompt: boolean;
    [feature: string]: unknown;
  } | null;
  skip?: { step: number; prompt_id: string; repeat: number }[];
  skip_loss?: number[];
}
