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

/** Any line of the worker's stdout protocol. */
export const workerLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('worker_info'), model_loads: z.number().int(), mlx_version: z.string(), mlx_lm_version: z.string() }).passthrough(),
  z.object({ type: z.literal('prompt_start'), step: z.number().int(), prompt_id: z.string(), repeat: z.number().int() }),
  workerGenerationSchema,
  z.object({
    type: z.literal('loss'),
    step: z.number().int(),
    val_loss: z.number().nullable().optional(),
    test_loss: z.number().nullable().optional(),
    val_examples: z.number().int().optional(),
    test_examples: z.number().int().optional(),
    seconds: z.number().optional(),
  }).passthrough(),
  z.object({ type: z.literal('checkpoint_done'), step: z.number().int() }),
  z.object({
    type: z.literal('error'), kind: z.string(), message: z.string(),
    step: z.number().int().optional(), repeat: z.number().int().optional(), prompt_ids: z.array(z.string()).optional(),
  }).passthrough(),
]);

/** Parsed protocol lines, by type. */
export type WorkerLine = z.infer<typeof workerLineSchema>;
export type WorkerGeneration = z.infer<typeof workerGenerationSchema>;
export type WorkerLoss = Extract<WorkerLine, { type: 'loss' }>;
export type WorkerInfo = Extract<WorkerLine, { type: 'worker_info' }>;

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
    chat_template_args: Record<string, unknown>;
    system_prompt?: string;
    /** Read by the driver's hang guard only; the worker ignores it (max_tokens is the limit). */
    prompt_timeout_s: number;
  };
  /** Exact loss on the whole valid/test split; null skips it. */
  loss: { data: string; batch_size: number; max_seq_length: number; mask_prompt: boolean; [feature: string]: unknown } | null;
  skip?: { step: number; prompt_id: string; repeat: number }[];
  skip_loss?: number[];
}
