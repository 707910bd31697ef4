import { z } from 'zod';
import { readJsonl } from './jsonl.js';

/**
 * One line of `<runDir>/metrics.jsonl`: a metric mlx-lm printed during training, in one shape
 * for both log eras. `step` is the number of optimizer updates applied when the value was
 * measured: mlx-lm validates *before* the step of the iteration it prints, so "Iter 200 val"
 * has step 199, while train reports and checkpoint saves have step = iteration.
 * Losses are null when mlx-lm printed nan/inf (a diverged run).
 */
export const metricsRecordSchema = z.strictObject({
  kind: z.enum(['train', 'val', 'save', 'test']),
  step: z.number().int().min(0).nullable().describe('Updates applied; null for the test line (after training).'),
  iteration: z.number().int().min(0).nullable().describe('The iteration mlx-lm printed.'),
  train_loss: z.number().nullable().optional(),
  val_loss: z.number().nullable().optional(),
  test_loss: z.number().nullable().optional(),
  test_ppl: z.number().nullable().optional(),
  learning_rate: z.number().optional().describe('Era A logs only.'),
  it_per_sec: z.number().optional().describe('Era A logs only.'),
  tokens_per_sec: z.number().optional(),
  trained_tokens: z.number().optional().describe('Era B prints thousands with one decimal: rounded to 100 tokens.'),
  peak_memory_gb: z.number().optional().describe('Era A logs only.'),
  val_time_s: z.number().optional(),
  checkpoint: z.string().optional().describe('File name of the checkpoint a save line reported.'),
  t: z.number().min(0).describe('Seconds since the trainer started.'),
});

export type MetricsRecord = z.infer<typeof metricsRecordSchema>;

/** Reads a run's metrics.jsonl (torn last line tolerated; a missing file is no records). */
export async function readMetrics(path: string): Promise<MetricsRecord[]> {
  const rows = await readJsonl(path);
  return rows.map((row, i) => {
    const parsed = metricsRecordSchema.safeParse(row);
    if (!parsed.success) throw new Error(`${path}: record ${i + 1} is not a metrics record: ${parsed.error.message}`);
    return parsed.data;
  });
}
