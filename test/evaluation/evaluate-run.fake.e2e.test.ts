import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { readEvalManifest, evalFiles } from '../../src/evaluation/eval-manifest.js';
import { describeIntegrityProblem } from '../../src/evaluation/integrity-problem.js';
import { collectObservations } from '../../src/pipeline/collect-observations.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { runLayout, studyLayout } from '../../src/plan/run-layout.js';
import { readJsonl } from '../../src/results/jsonl.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { fakeStudy, recordTrainedRun, writeFakeSafetensors } from './helpers/eval-fixture.js';
import type { KeepResult } from '../../src/evaluation/keep-checkpoints.js';

const fake = fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url));
const harness = fileURLToPath(new URL('../fixtures/eval/byo-harness.mjs', import.meta.url));

beforeEach(() => {
  process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
});
afterEach(() => {
  delete process.env.SEEDSTUDY_EVAL_WORKER;
});

describe('evaluateRun (fake worker)', () => {
  it('writes generations, scores and a manifest per checkpoint, then skips them on re-run', async () => {
    const { study, spec } = await fakeStudy();
    const first = await evaluateRun(study, spec, { python: 'unused' });
    // The decision checkpoint (policy final: step 4) first, then the base model, then the rest.
    expect(first.evaluated).toEqual([4, 0, 2]);
    expect(first.modelLoads).toBe(1);
    const dir = runLayout.checkpointEvalDir(spec.runDir, 2);
    const gens = await readJsonl(evalFiles.generations(dir));
    expect(gens).toHaveLength(3);
    expect(gens[0]).toMatchObject({ runId: 'run-0', step: 2, prompt_id: 'p1', category: 'c', finish_reason: 'stop' });
    expect((gens[0] as { checkpoint_sha256: string }).checkpoint_sha256).toMatch(/^[0-9a-f]{64}$/);
    const scores = await readJsonl(evalFiles.scores(dir));
    expect(scores.map((s) => (s as { failure_class: string }).failure_class)).toEqual([
      'wrapped-correct',
      'wrapped-correct',
      'wrapped-correct',
    ]);
    const manifest = await readEvalManifest(dir);
    expect(manifest).toMatchObject({ step: 2, val_loss: 1.5, model_loads: 1, mean_score: 1, scorer: 'tool-call' });

    const again = await evaluateRun(study, spec, { python: 'unused' });
    expect(again.evaluated).toEqual([]);
    expect(again.skipped).toEqual([4, 0, 2]);
    expect(again.modelLoads).toBe(0);

    // A scorer change re-scores from the stored generations; nothing is generated again.
    const rescored = await evaluateRun(
      { ...study, eval: { ...study.eval, scorer: { kind: 'tool-call', wrapper: 'run', direct_score: 0.25 } } },
      spec,
      { python: 'unused' },
    );
    expect([rescored.evaluated, rescored.rescored, rescored.modelLoads]).toEqual([[], [4, 0, 2], 0]);
    expect((await readEvalManifest(dir))!.mean_score).toBe(0);
    // Editing a scorer-only suite field (expected_tool) also re-scores without generating.
    await writeFile(
      study.suitePath,
      (await readFile(study.suitePath, 'utf8')).replace('expected_tool: p3', 'expected_tool: other'),
    );
    const edited = await evaluateRun(study, spec, { python: 'unused' });
    expect([edited.evaluated, edited.rescored]).toEqual([[], [4, 0, 2]]);
    expect(
      ((await readJsonl(evalFiles.scores(dir))) as { failure_class: string }[]).map((r) => r.failure_class),
    ).toEqual(['wrapped-correct', 'wrapped-correct', 'wrong-tool']);
    await writeFile(
      study.suitePath,
      (await readFile(study.suitePath, 'utf8')).replace('expected_tool: other', 'expected_tool: p3'),
    );

    const changed = { ...study, eval: { ...study.eval, chat_template_args: { enable_thinking: false } } };
    expect((await evaluateRun(changed, spec, { python: 'unused' })).evaluated).toEqual([4, 0, 2]);

    const rows = await collectObservations(study.outputDir, [spec]);
    expect(rows).toHaveLength(9);
    expect(rows[3]).toMatchObject({
      arm: 'base',
      seed: 0,
      checkpoint: 2,
      promptId: 'p1',
      score: 1,
      failureClass: 'wrapped-correct',
      valLoss: 1.5,
    });
    expect((await readFile(studyLayout.observations(study.outputDir), 'utf8')).trim().split('\n')).toHaveLength(9);
  });

  it('provenance: a checkpoint changed after discovery is refused', async () => {
    const { study, spec, record } = await fakeStudy();
    const ckpt = record.checkpoints[1]!;
    const bytes = await readFile(ckpt.file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(ckpt.file, bytes);
    const error = await evaluateRun(study, spec, { python: 'unused' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`checkpoint ${ckpt.file} changed after discovery: sha256`);
    expect((error as UserError).message).toContain(`differs from the recorded ${ckpt.sha256}; refusing to evaluate it`);
    expect((error as UserError).file).toBe(runLayout.runRecord(spec.runDir));
    expect(existsSync(runLayout.evalDir(spec.runDir) + '/step-0000004/manifest.json')).toBe(false);
  });

  it("the manifest records each record file's count and sha256; a model edited in place is re-evaluated", async () => {
    const { study, spec } = await fakeStudy();
    await evaluateRun(study, spec, { python: 'unused' });
    const dir = runLayout.checkpointEvalDir(spec.runDir, 4);
    const digest = async (file: string) => {
      const bytes = await readFile(file);
      const count = bytes.toString('utf8').split('\n').filter(Boolean).length;
      return { count, sha256: createHash('sha256').update(bytes).digest('hex') };
    };
    const manifest = (await readEvalManifest(dir))!;
    const generations = await digest(evalFiles.generations(dir));
    expect(manifest.records).toEqual({ generations, scores: await digest(evalFiles.scores(dir)) });
    expect(manifest.records!.generations.count).toBe(3);
    const scores = await readFile(evalFiles.scores(dir), 'utf8');

    // Same path, other content (a re-quantised model, an edited chat template): every checkpoint again.
    const config = { model_type: 'fake', quantization: { bits: 4 } };
    await writeFile(join(study.model, 'config.json'), JSON.stringify(config));
    const again = await evaluateRun(study, spec, { python: 'unused' });
    expect([again.evaluated, again.skipped, again.modelLoads]).toEqual([[4, 0, 2], [], 1]);
    expect((await readEvalManifest(dir))!.identity).not.toBe(manifest.identity);
    expect(await readFile(evalFiles.scores(dir), 'utf8')).toBe(scores);
    // Unchanged since: nothing to do.
    expect((await evaluateRun(study, spec, { python: 'unused' })).evaluated).toEqual([]);
  });

  it('a manifest from before record hashes: a short scores.jsonl is caught (counts) and re-scored', async () => {
    const { study, spec } = await fakeStudy();
    await evaluateRun(study, spec, { python: 'unused' });
    const dir = runLayout.checkpointEvalDir(spec.runDir, 2);
    const written = JSON.parse(await readFile(evalFiles.manifest(dir), 'utf8')) as Record<string, unknown>;
    const { records: _dropped, ...old } = written;
    await writeFile(evalFiles.manifest(dir), JSON.stringify(old));
    expect((await readEvalManifest(dir))!.records).toBeUndefined();
    const clean = await readFile(evalFiles.scores(dir), 'utf8');
    const lines = clean.split('\n').filter(Boolean);
    await writeFile(evalFiles.scores(dir), lines.slice(0, 2).join('\n') + '\n');

    const healed = await evaluateRun(study, spec, { python: 'unused' });
    expect([healed.evaluated, healed.rescored]).toEqual([[], [2]]);
    expect(healed.problems).toHaveLength(1);
    expect(describeIntegrityProblem(healed.problems[0]!)).toBe(
      `base/seed-0 step 2: ${evalFiles.scores(dir)} does not match its manifest:` +
        ' 2 records where the manifest records 3; re-scoring it from generations.jsonl',
    );
    expect(await readFile(evalFiles.scores(dir), 'utf8')).toBe(clean);
    expect((await readEvalManifest(dir))!.records!.scores.count).toBe(3);
  });

  it('a checkpoint swapped after evaluation is refused; once retrained (new run.json), evaluated anew', async () => {
    const { study, spec, record } = await fakeStudy();
    await evaluateRun(study, spec, { python: 'unused' });
    const ckpt = record.checkpoints[0]!;
    await writeFakeSafetensors(ckpt.file);
    const error = await evaluateRun(study, spec, { python: 'unused' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`checkpoint ${ckpt.file} changed after discovery`);
    // What `train` does when it retrains the run: new bytes, recorded in run.json.
    const retrained = await recordTrainedRun(spec);
    const sha = retrained.checkpoints[0]!.sha256;
    expect(sha).not.toBe(ckpt.sha256);
    const again = await evaluateRun(study, spec, { python: 'unused' });
    expect([again.evaluated, again.skipped]).toEqual([[2], [4, 0]]);
    const dir = runLayout.checkpointEvalDir(spec.runDir, 2);
    expect((await readEvalManifest(dir))!.checkpoint_sha256).toBe(sha);
    const gens = (await readJsonl(evalFiles.generations(dir))) as { checkpoint_sha256: string }[];
    expect(gens.map((g) => g.checkpoint_sha256)).toEqual([sha, sha, sha]);
  });

  it('keep_checkpoints best-val-loss deletes the others after the run is fully evaluated', async () => {
    process.env.FAKE_VAL_LOSS = 'by-step';
    try {
      const { study, spec } = await fakeStudy({ steps: [2, 4, 6], keep: 'best-val-loss' });
      const result = await evaluateRun(study, spec, { python: 'unused' });
      expect(result.keep?.kept).toEqual([4]);
      expect(result.keep?.deleted.map((d) => d.step)).toEqual([2, 6]);
      const record = await readRunRecord(spec.runDir);
      expect(record!.checkpoints.map((c) => [c.step, c.pruned ?? false])).toEqual([
        [2, true],
        [4, false],
        [6, true],
      ]);
      expect(existsSync(record!.checkpoints[0]!.file)).toBe(false);
      expect(existsSync(record!.checkpoints[1]!.file)).toBe(true);
      const keep = JSON.parse(
        await readFile(join(runLayout.evalDir(spec.runDir), 'keep-checkpoints.json'), 'utf8'),
      ) as KeepResult;
      expect(keep.deleted).toHaveLength(2);
    } finally {
      delete process.env.FAKE_VAL_LOSS;
    }
  });

  it('eval.command: runs the harness per checkpoint with placeholders and reads its scores', async () => {
    const { study, spec } = await fakeStudy({
      eval: {
        command: [
          process.execPath,
          harness,
          '--adapter',
          '{adapter_dir}',
          '--suite',
          '{suite}',
          '--out',
          '{output}',
          '--step',
          '{step}',
        ],
      },
    });
    const result = await evaluateRun(study, spec, { python: 'unused' });
    expect(result.evaluated).toEqual([4, 0, 2]);
    const scores = (await readJsonl(evalFiles.scores(runLayout.checkpointEvalDir(spec.runDir, 4)))) as {
      score: number;
      reason: string;
      scorer: string;
    }[];
    expect(scores).toHaveLength(3);
    expect(scores[0]).toMatchObject({ score: 1, scorer: 'command', reason: 'staged adapter present at step 4' });
    const [shared] = await runEvaluations(spec.runDir, spec.runId);
    expect([shared?.step, shared?.shared]).toEqual([0, true]);
    const base = (await readJsonl(evalFiles.scores(shared!.dir))) as {
      score: number;
    }[];
    expect(base[0]!.score).toBe(0);
  });
});
