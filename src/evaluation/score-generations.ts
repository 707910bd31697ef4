import { UserError } from '../errors/user-error.js';
import type { GenerationRecord } from '../results/generation-record.js';
import { scoreRecordSchema, type ScoreRecord } from '../results/score-record.js';
import { itemId, type Scorer } from './scorers/scorer.js';
import type { EvalSuite } from './suite-schema.js';

/**
 * Scores one checkpoint's stored generations: one score record per generation, validated (score in
 * [0, 1], a reason, a failure class). Used by `eval` right after generating and by `score` on its own.
 * No generations, or a scorer that answers for none of them, is an error rather than a pass.
 */
export async function scoreGenerations(
  generations: readonly GenerationRecord[],
  suite: EvalSuite,
  scorer: Scorer,
  where: string,
): Promise<ScoreRecord[]> {
  if (generations.length === 0) {
    throw new UserError('no generations to score', { file: where, fix: 'run `seedstudy eval` first' });
  }
  const byId = new Map(suite.prompts.map((p) => [p.id, p]));
  const items = generations.map((g) => {
    const prompt = byId.get(g.prompt_id);
    if (!prompt) {
      throw new UserError(`generation for prompt "${g.prompt_id}" has no prompt in the suite ${suite.file}`, {
        file: where,
        fix: 'the suite changed since these generations were made: run `seedstudy eval --force`',
      });
    }
    return { id: itemId(g.prompt_id, g.repeat), prompt, generation: g };
  });
  const verdicts = await scorer.score(items);
  if (verdicts.length !== items.length)
    throw new Error(`scorer ${scorer.kind} returned ${verdicts.length} verdicts for ${items.length} items`);
  return items.map((it, i) =>
    scoreRecordSchema.parse({
      runId: it.generation.runId,
      arm: it.generation.arm,
      seed: it.generation.seed,
      step: it.generation.step,
      prompt_id: it.prompt.id,
      category: it.prompt.category,
      repeat: it.generation.repeat,
      ...verdicts[i],
      scorer: scorer.kind,
      checkpoint_sha256: it.generation.checkpoint_sha256,
    }),
  );
}
