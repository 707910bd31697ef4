import { z } from 'zod';

/**
 * Which checkpoint of which run a stored eval record belongs to. Shared by generations.jsonl and
 * the eval manifest so both name a checkpoint the same way (null file and sha256: step 0, the
 * base model without adapter).
 */
export const checkpointOwnerShape = {
  runId: z.string(),
  arm: z.string(),
  seed: z.number().int(),
  step: z.number().int().min(0),
  checkpoint_file: z.string().nullable(),
  checkpoint_sha256: z.string().nullable(),
};
