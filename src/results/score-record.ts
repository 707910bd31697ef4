import { z } from 'zod';

/**
 * One scored prompt of one checkpoint of one run, as stored in `<runDir>/eval/step-NNNNNNN/scores.jsonl`.
 * The score is a fraction in [0, 1]; the reason and failure class say why, so failure analysis is
 * data rather than something done by eye.
 */
export const scoreRecordSchema = z.strictObject({
  runId: z.string(),
  arm: z.string(),
  seed: z.number().int(),
  step: z.number().int().min(0),
  prompt_id: z.string(),
  category: z.string(),
  repeat: z.number().int().min(0),
  score: z.number().min(0).max(1),
  reason: z.string().min(1),
  failure_class: z.string().min(1),
  scorer: z.string().describe('Scorer kind (or "command" for eval.command).'),
  output: z.string().optional().describe('The answer as eval.command reported it (others: generations.jsonl).'),
  checkpoint_sha256: z.string().nullable(),
});

/** A stored score. */
export type ScoreRecord = z.infer<typeof scoreRecordSchema>;
