import { join } from 'node:path';
import { stageCheckpoint } from '../checkpoints/stage-checkpoint.js';
import type { GenerationSettings } from '../evaluation/eval-identity.js';
import { runEvalCommand } from '../evaluation/eval-command.js';
import { evalFiles, writeEvalManifest, type EvalManifest } from '../evaluation/eval-manifest.js';
import type { EvalSuite } from '../evaluation/suite-schema.js';
import { meanScore, type CheckpointTarget } from '../evaluation/write-checkpoint-eval.js';
import type { RunSpec } from '../plan/run-spec.js';
import { writeJsonlAtomic } from '../results/atomic-write.js';
import type { Study } from '../study/study.js';

/**
 * One checkpoint evaluated by the user's own `eval.command` (bring-your-own eval): the checkpoint is
 * staged, the command writes its score records, and the manifest is written last as for the worker.
 */
export async function evaluateWithCommand(
  study: Study,
  suite: EvalSuite,
  t: CheckpointTarget,
  settings: GenerationSettings,
  spec: RunSpec,
  opts: { signal?: AbortSignal },
): Promise<EvalManifest> {
  const staged = t.file ? await stageCheckpoint({ file: t.file }, join(t.dir, 'staged')) : '';
  const started = Date.now();
  const scores = await runEvalCommand(
    study.eval.command!,
    { checkpoint_dir: staged, adapter_dir: staged, model: study.model, suite: suite.file, step: String(t.step) },
    suite,
    { runId: spec.runId, arm: spec.arm, seed: spec.seed, step: t.step, sha256: t.sha256, dir: t.dir },
    { cwd: join(study.file, '..'), timeoutS: study.eval.watchdog_s, ...(opts.signal ? { signal: opts.signal } : {}) },
  );
  await writeJsonlAtomic(evalFiles.generations(t.dir), []);
  await writeJsonlAtomic(evalFiles.scores(t.dir), scores);
  const manifest: EvalManifest = {
    schemaVersion: 1,
    identity: t.identity,
    runId: t.runId,
    arm: t.arm,
    seed: t.seed,
    step: t.step,
    checkpoint_file: t.file,
    checkpoint_sha256: t.sha256,
    suite: { file: suite.file, name: suite.name, sha256: suite.sha256, prompts: suite.prompts.length || scores.length },
    settings: settings as unknown as Record<string, unknown>,
    mode: 'command',
    val_loss: null,
    test_loss: null,
    val_examples: null,
    test_examples: null,
    generations: 0,
    timeouts: 0,
    model_loads: 0,
    mlx_version: null,
    mlx_lm_version: null,
    generation_seconds: (Date.now() - started) / 1000,
    loss_seconds: null,
    scorer: 'command',
    scorer_fingerprint: 'command',
    mean_score: meanScore(scores),
    evaluated_at: new Date().toISOString(),
  };
  await writeEvalManifest(t.dir, manifest);
  return manifest;
}
