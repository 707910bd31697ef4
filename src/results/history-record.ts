import { z } from 'zod';
import { claimedFigureSchema } from '../study/claimed-figure.js';

/**
 * A historical result as a write-up kept it (seedstudy did not produce it): one run at one
 * checkpoint, with its finest surviving data (per prompt, or per category) and the summary
 * figures the write-up printed next to it. Importing a record checks those printed figures
 * against the data (history-consistency), so a miscounted summary is caught before anyone
 * builds on it. YAML, strict, every key described (`seedstudy schema --history` prints it).
 */
export const historyPromptSchema = z.strictObject({
  id: z.string().min(1).describe('Prompt id, e.g. "text-01".'),
  category: z.string().min(1),
  score: z.number().min(0).max(1).describe("The prompt's score as a fraction."),
  failure_class: z.string().min(1).optional().describe('e.g. direct-call, think-mode, prose, timeout.'),
  note: z.string().optional().describe("The write-up's note for this prompt, verbatim."),
});

export const historyCategorySchema = z.strictObject({
  category: z.string().min(1),
  prompts: z.number().int().positive().describe('Prompts in the category.'),
  score: claimedFigureSchema.describe(
    'The category score as printed: "33.3%" or 0.333 (rounding is snapped to the score grid).',
  ),
});

export const reportedSummarySchema = z.strictObject({
  source: z.string().min(1).describe('Where the write-up printed these figures (section or table).'),
  overall: claimedFigureSchema.optional(),
  categories: z.record(z.string(), claimedFigureSchema).optional(),
  counts: z
    .array(z.strictObject({ score: z.number().min(0).max(1), prompts: z.number().int().min(0) }))
    .min(1)
    .refine(
      (counts) => new Set(counts.map((c) => c.score)).size === counts.length,
      'each score value may appear once (its prompts would be counted twice)',
    )
    .optional()
    .describe('Prompts per score value, e.g. [{score: 0.5, prompts: 16}].'),
  approximate: z.boolean().default(false).describe('The write-up marked the counts as approximate ("~22/27").'),
});

export const historyRecordSchema = z
  .strictObject({
    history: z.literal(1).describe('Format marker and version of a seedstudy history record.'),
    arm: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 characters of letters, digits, ".", "_" or "-"')
      .describe('Name the run is analysed under.'),
    seed: z.number().int().min(0).default(0).describe('Training seed, when recorded (0 when not).'),
    checkpoint: z.number().int().min(0).describe('Training step of the evaluated checkpoint.'),
    val_loss: z.number().min(0).optional().describe('Validation loss of that checkpoint, when recorded.'),
    source: z.string().min(1).describe('The write-up this record transcribes.'),
    description: z.string().optional(),
    score_values: z
      .array(z.number().min(0).max(1))
      .min(1)
      .optional()
      .describe('Values one prompt can score (default 0, 0.5 and 1).'),
    prompts: z.array(historyPromptSchema).min(1).optional().describe('Per-prompt scores, when the write-up kept them.'),
    categories: z
      .array(historyCategorySchema)
      .min(1)
      .optional()
      .describe('Per-category scores, when only those survived.'),
    reported: z
      .array(reportedSummarySchema)
      .default([])
      .describe('Summary figures printed in the write-up, checked against the data.'),
  })
  .refine((r) => (r.prompts === undefined) !== (r.categories === undefined), {
    message: 'give exactly one of `prompts` (per-prompt data) or `categories` (per-category data)',
    path: ['prompts'],
  });

/** A history record as written. */
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
