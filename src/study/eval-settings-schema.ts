import { z } from 'zod';

/**
 * The study file's `eval:` block: which checkpoints are evaluated, how prompts are generated and which
 * scorer scores them. Split out of schema.ts (the study file's schema); the suite's own format is
 * evaluation/suite-schema.ts.
 */

export const checkpointSelectionSchema = z
  .union([
    z.literal('all'),
    z.strictObject({
      every: z.number().int().positive().describe('Evaluate checkpoints whose step is a multiple of this.'),
    }),
    z.array(z.number().int().positive()).min(1).describe('Explicit steps.'),
  ])
  .describe('Which saved checkpoints to evaluate.');

/** Scorer selection for the suite; per-prompt fields in the suite supply what each scorer needs. */
export const scorerConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tool-call'),
    wrapper: z
      .string()
      .default('execute_code')
      .describe('Wrapper function whose call must contain the tool call for full credit.'),
    direct_score: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Score for a direct call of the right tool without the wrapper.'),
  }),
  z.strictObject({
    kind: z.literal('exact'),
    trim: z.boolean().default(true),
    case_sensitive: z.boolean().default(true),
  }),
  z.strictObject({ kind: z.literal('contains'), case_sensitive: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('regex') }),
  z.strictObject({ kind: z.literal('json-match') }),
  z.strictObject({
    kind: z.literal('external'),
    command: z
      .array(z.string())
      .min(1)
      .describe(
        'argv of a program reading generations JSONL on stdin, writing {id, score, reason, failure_class} JSONL.',
      ),
    timeout_s: z.number().positive().default(300),
  }),
]);

export const evalSettingsSchema = z
  .strictObject({
    suite: z
      .string()
      .optional()
      .describe('Eval suite file (JSONL or YAML), relative to the study file; optional with eval.command.'),
    scorer: scorerConfigSchema.default({ kind: 'tool-call', wrapper: 'execute_code', direct_score: 0.5 }),
    max_tokens: z.number().int().positive().default(256),
    temperature: z.number().min(0).default(0).describe('0 means greedy (deterministic).'),
    top_p: z.number().gt(0).max(1).default(1),
    eval_seed: z.number().int().min(0).optional().describe('Required when temperature > 0.'),
    repeats: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe('Evaluations per checkpoint; > 1 measures decoding noise.'),
    chat_template_args: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Passed to apply_chat_template, e.g. {enable_thinking: false}.'),
    system_prompt: z.string().optional(),
    prompt_timeout_s: z
      .number()
      .positive()
      .default(120)
      .describe('Hang guard, never a score: in-flight prompts silent this long (+30 s) are retried alone.'),
    checkpoints: checkpointSelectionSchema.default('all'),
    include_base: z
      .boolean()
      .default(true)
      .describe(
        'Evaluate the base model without adapter as step 0 (once per study and eval identity, shared by the runs).',
      ),
    exact_loss: z.boolean().default(true).describe("Compute each checkpoint's val/test loss on the whole split."),
    batch_size: z
      .number()
      .int()
      .positive()
      .default(8)
      .describe('Prompts generated together when batching is available.'),
    mode: z.enum(['adapter', 'fused']).default('adapter'),
    fuse: z
      .strictObject({
        quantize_bits: z
          .union([z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(8)])
          .optional(),
        group_size: z.union([z.literal(32), z.literal(64), z.literal(128)]).default(64),
      })
      .optional(),
    command: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'Bring your own evaluator: argv with placeholders {checkpoint_dir}, {model}, {adapter_dir}, {suite}, {output}, {step}.',
      ),
    watchdog_s: z
      .number()
      .positive()
      .default(600)
      .describe('Kill and restart a worker that prints nothing for this long.'),
  })
  .describe('How every checkpoint is evaluated.');
