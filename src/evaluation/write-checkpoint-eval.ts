import { writeJsonlAtomic } from '../results/atomic-write.js';
import { generationRecordSchema, type GenerationRecord } from '../results/generation-record.js';
import type { ScoreRecord } from '../results/score-record.js';
import { writeEvalErrors } from './eval-error-record.js';
import { evalFiles, writeEvalManifest, type EvalManifest } from './eval-manifest.js';
import type { CheckpointOutput } from './run-worker.js';
import { scoreGenerations } from './score-generations.js';
import type { Scorer } from './scorers/scorer.js';
import type { EvalSuite } from './suite-schema.js';

/** Who and what a checkpoint's records belong to. */
export interface CheckpointTarget {
  runId: string;
  arm: string;
  seed: number;
  step: number;
  file: string | null;
  sha256: string | null;
  identity: string;
  dir: string;
}

/** Shared context of one run's evaluation. */
export interface WriteContext {
  suite: EvalSuite;
  scorer: Scorer;
  scorerFingerprint: string;
  settings: Record<string, unknown>;
  mode: EvalManifest['mode'];
}

/**
 * Turns a complete checkpoint's worker output into the stored files, each written atomically and
 * the manifest last: generations.jsonl (suite order, then repeat), scores.jsonl, errors.jsonl (prompts
 * the watchdog gave up on: neither generated nor scored), manifest.json.
 * Records name the checkpoint file and sha256 from the run record, never from the worker's echo.
 */
export async function writeCheckpointEval(
  target: CheckpointTarget,
  out: CheckpointOutput,
  ctx: WriteContext,
): Promise<EvalManifest> {
  const order = new Map(ctx.suite.prompts.map((p, i) => [p.id, i]));
  const category = new Map(ctx.suite.prompts.map((p) => [p.id, p.category]));
  const generations: GenerationRecord[] = [...out.generations]
    .sort((a, b) => a.repeat - b.repeat || order.get(a.prompt_id)! - order.get(b.prompt_id)!)
    .map((g) =>
      generationRecordSchema.parse({
        runId: target.runId,
        arm: target.arm,
        seed: target.seed,
        step: target.step,
        checkpoint_file: target.file,
        checkpoint_sha256: target.sha256,
        prompt_id: g.prompt_id,
        category: category.get(g.prompt_id) ?? 'default',
        repeat: g.repeat,
        output: g.output,
        tokens: g.tokens,
        ...(g.prompt_tokens !== undefined ? { prompt_tokens: g.prompt_tokens } : {}),
        seconds: g.seconds,
        finish_reason: g.finish_reason,
        ...(g.watchdog ? { watchdog: true } : {}),
      }),
    );
  const expected = ctx.suite.prompts.length * Number(ctx.settings.repeats ?? 1);
  if (generations.length + out.errors.length !== expected) {
    const got = `${generations.length} generations and ${out.errors.length} errors`;
    throw new Error(`step ${target.step}: worker produced ${got}, expected ${expected}`);
  }
  const { runId, arm, seed, step, file: checkpoint_file, sha256: checkpoint_sha256 } = target;
  const owner = { runId, arm, seed, step, checkpoint_file, checkpoint_sha256 };
  await writeEvalErrors(
    target.dir,
    out.errors.map((e) => ({ ...e, ...owner })),
  );
  await writeJsonlAtomic(evalFiles.generations(target.dir), generations);
  const where = evalFiles.generations(target.dir);
  const scores = generations.length ? await scoreGenerations(generations, ctx.suite, ctx.scorer, where) : [];
  await writeJsonlAtomic(evalFiles.scores(target.dir), scores);
  const manifest: EvalManifest = {
    schemaVersion: 1,
    identity: target.identity,
    runId: target.runId,
    arm: target.arm,
    seed: target.seed,
    step: target.step,
    checkpoint_file: target.file,
    checkpoint_sha256: target.sha256,
    suite: { file: ctx.suite.file, name: ctx.suite.name, sha256: ctx.suite.sha256, prompts: ctx.suite.prompts.length },
    settings: ctx.settings,
    mode: ctx.mode,
    val_loss: out.loss?.val_loss ?? null,
    test_loss: out.loss?.test_loss ?? null,
    val_examples: out.loss?.val_examples ?? null,
    test_examples: out.loss?.test_examples ?? null,
    generations: generations.length,
    timeouts: generations.filter((g) => g.finish_reason === 'timeout').length,
    ...(out.errors.length ? { errors: out.errors.length } : {}),
    model_loads: out.modelLoads,
    mlx_version: out.info?.mlx_version ?? null,
    mlx_lm_version: out.info?.mlx_lm_version ?? null,
    generation_seconds: round(generations.reduce((s, g) => s + g.seconds, 0)),
    loss_seconds: out.loss?.seconds ?? null,
    ...(out.throughput && Object.keys(out.throughput).length ? { throughput: out.throughput } : {}),
    scorer: ctx.scorer.kind,
    scorer_fingerprint: ctx.scorerFingerprint,
    mean_score: meanScore(scores),
    evaluated_at: new Date().toISOString(),
  };
  await writeEvalManifest(target.dir, manifest);
  return manifest;
}

/** Mean score of a checkpoint's records, null when there are none. */
export function meanScore(scores: readonly ScoreRecord[]): number | null {
  return scores.length ? round(scores.reduce((s, r) => s + r.score, 0) / scores.length) : null;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
