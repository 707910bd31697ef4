import { z } from 'zod';
import { studyLayout } from '../plan/run-layout.js';
import { readJsonl } from '../results/jsonl.js';
import { UserError } from '../errors/user-error.js';
import type { Observation } from '../statistics/observation.js';

/**
 * Reads a study's observations for the analysis stage: `<output>/observations.jsonl`, written
 * by the score stage (collectObservations) from every run's scores.jsonl. Reading the one
 * collected file keeps `analyze` independent of the run-directory layout and of runs whose
 * configuration changed since they were scored.
 */
const observationSchema = z.object({
  arm: z.string().min(1),
  seed: z.number().int(),
  checkpoint: z.number().int().min(0),
  promptId: z.string().min(1),
  category: z.string(),
  score: z.number().min(0).max(1),
  failureClass: z.string().optional(),
  valLoss: z.number().optional(),
  repeat: z.number().int().min(0).optional(),
});

/** All observations of a study's output directory; a UserError when nothing was scored yet. */
export async function loadObservations(outputDir: string): Promise<Observation[]> {
  const file = studyLayout.observations(outputDir);
  const raw = await readJsonl(file);
  if (raw.length === 0) {
    throw new UserError('no scored observations yet', {
      file,
      fix: 'run `seedstudy run` (or `train`, `eval` and `score`) first, or analyse exported results with --input FILE',
    });
  }
  return raw.map((r, i) => {
    const parsed = observationSchema.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UserError(`malformed observation: ${issue.message}`, {
        file,
        line: i + 1,
        keyPath: issue.path.join('.'),
        fix: 'rerun `seedstudy score` to rebuild observations.jsonl',
      });
    }
    return parsed.data;
  });
}
