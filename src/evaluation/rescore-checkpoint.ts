import { writeJsonlAtomic } from '../results/atomic-write.js';
import { generationRecordSchema } from '../results/generation-record.js';
import { readJsonl } from '../results/jsonl.js';
import type { ScoreRecord } from '../results/score-record.js';
import { evalFiles, writeEvalManifest, type EvalManifest } from './eval-manifest.js';
import { scoreGenerations } from './score-generations.js';
import type { Scorer } from './scorers/scorer.js';
import type { EvalSuite } from './suite-schema.js';
import { meanScore } from './write-checkpoint-eval.js';

/**
 * Re-scores one evaluated checkpoint from its stored generations.jsonl (no generation) and
 * rewrites scores.jsonl, then the manifest with the new scorer fingerprint and mean score.
 */
export async function rescoreCheckpoint(
  dir: string,
  manifest: EvalManifest,
  suite: EvalSuite,
  scorer: Scorer,
  fingerprint: string,
): Promise<ScoreRecord[]> {
  const generations = (await readJsonl(evalFiles.generations(dir))).map((g) => generationRecordSchema.parse(g));
  // Every prompt may have an error record instead (manifest.errors): nothing to score then, not a failure.
  const scores =
    generations.length || !manifest.errors
      ? await scoreGenerations(generations, suite, scorer, evalFiles.generations(dir))
      : [];
  await writeJsonlAtomic(evalFiles.scores(dir), scores);
  await writeEvalManifest(dir, {
    ...manifest,
    scorer: scorer.kind,
    scorer_fingerprint: fingerprint,
    mean_score: meanScore(scores),
  });
  return scores;
}
