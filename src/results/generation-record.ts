import { z } from 'zod';
import { checkpointOwnerShape } from './checkpoint-owner.js';

/**
 * The fields of one generated answer, shared by the eval worker's protocol line and the stored
 * record, so what the worker reports and what is stored cannot drift apart.
 */
export const generatedAnswerShape = {
  output: z.string(),
  tokens: z.number().int().min(0),
  prompt_tokens: z.number().int().min(0).optional(),
  seconds: z.number().min(0),
  finish_reason: z.enum(['stop', 'length', 'timeout']),
  /** Set when the watchdog killed the worker on this prompt (no output survived). */
  watchdog: z.boolean().optional(),
};

/**
 * One generated answer, as stored in `<runDir>/eval/step-NNNNNNN/generations.jsonl`. The output is
 * untrusted model text; every record names the exact checkpoint file and sha256 it came from
 * (null for step 0, the base model without adapter, and for fused models the fused checkpoint's).
 */
export const generationRecordSchema = z.strictObject({
  ...checkpointOwnerShape,
  prompt_id: z.string(),
  category: z.string(),
  repeat: z.number().int().min(0),
  ...generatedAnswerShape,
});

/** A stored generation. */
export type GenerationRecord = z.infer<typeof generationRecordSchema>;
export type FinishReason = GenerationRecord['finish_reason'];
