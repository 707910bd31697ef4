import { cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, expect, it } from 'vitest';
import { stageCheckpoint } from '../../src/checkpoints/stage-checkpoint.js';
import { evalFiles, readEvalManifest } from '../../src/evaluation/eval-manifest.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { runLayout } from '../../src/plan/run-layout.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import type { GenerationRecord } from '../../src/results/generation-record.js';
import { readJsonl } from '../../src/results/jsonl.js';
import type { RunRecord } from '../../src/results/run-record.js';
import type { Study } from '../../src/study/study.js';
import { makeSpec, makeStudy, recordTrainedRun } from './helpers/eval-fixture.js';
import { tinyDir, tinyLora, trainTinyRun, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';
import { LORA_TEST_FULL_PRECISION } from '../helpers/lora-test-loss.js';

/** A run's evaluation directory of a step (step 0: the shared base evaluation the run points at). */
const evalDirOf = async (spec: RunSpec, step: number) =>
  (await runEvaluations(spec.runDir, spec.runId)).find((e) => e.step === step)!.dir;
const gens = async (spec: RunSpec, step: number) =>
  (await readJsonl(evalFiles.generations(await evalDirOf(spec, step)))) as GenerationRecord[];

describeWithTool(projectVenv, 'evaluateRun on the real tiny model', () => {
  let study: Study;
  let specs: RunSpec[];
  let records: RunRecord[];
  let tiny: string;
  let suiteSize: number;

  beforeAll(async () => {
    tiny = await tinyDir();
    const root = await tempDir('ss-eval-real-');
    study = makeStudy(root, {
      model: join(tiny, 'model'),
      data: join(tiny, 'data'),
      suite: join(tiny, 'suite.yaml'),
      eval: { chat_template_args: { enable_thinking: false }, prompt_timeout_s: 60 },
    });
    suiteSize = (parse(await readFile(join(tiny, 'suite.yaml'), 'utf8')) as { prompts: unknown[] }).prompts.length;
    specs = [0, 1].map((seed) => makeSpec(study, seed, tinyLora));
    for (const spec of specs) await trainTinyRun(spec);
    records = [];
    for (const spec of specs) records.push(await recordTrainedRun(spec));
  }, 600_000);

  it('evaluates 2 checkpoints of 2 seeds and the base once, with ONE model load per run', async () => {
    for (const spec of specs) {
      const result = await evaluateRun(study, spec, { python: venvPython });
      // The decision checkpoint (final: 4) first; the base only by the first run, the second reuses it.
      expect(result.evaluated).toEqual(spec === specs[0] ? [4, 0, 2] : [4, 2]);
      expect(result.modelLoads).toBe(1);
      for (const step of [0, 2, 4]) {
        const m = await readEvalManifest(await evalDirOf(spec, step));
        expect(m!.model_loads).toBe(1);
        expect(m!.mlx_lm_version).toBe('0.32.2');
        expect(m!.val_loss).toBeGreaterThan(0);
        expect(m!.test_loss).toBeGreaterThan(0);
        expect(m!.generations).toBe(suiteSize);
        expect(m!.throughput).toMatchObject({ batching: 'continuous', prefix_prefills: 1 }); // from checkpoint_done
        expect(m!.throughput!.tokens_per_s).toBeGreaterThan(0);
        const g = await gens(spec, step);
        expect(
          g.every(
            (r) =>
              r.checkpoint_sha256 ===
              (step === 0 ? null : records[spec.seed]!.checkpoints.find((c) => c.step === step)!.sha256),
          ),
        ).toBe(true);
      }
    }
    // One base evaluation stands for both seeds; the val loss differs between base and a trained checkpoint.
    expect(await evalDirOf(specs[0]!, 0)).toBe(await evalDirOf(specs[1]!, 0));
    const base = await readEvalManifest(await evalDirOf(specs[0]!, 0));
    const last = await readEvalManifest(runLayout.checkpointEvalDir(specs[0]!.runDir, 4));
    expect(last!.val_loss).not.toBeCloseTo(base!.val_loss!, 4);
  }, 600_000);

  it('evaluating the same checkpoints twice gives identical outputs', async () => {
    const before = await Promise.all([0, 2, 4].map((s) => gens(specs[0]!, s)));
    const again = await evaluateRun(study, specs[0]!, { python: venvPython, force: true });
    expect(again.evaluated).toEqual([4, 0, 2]);
    const after = await Promise.all([0, 2, 4].map((s) => gens(specs[0]!, s)));
    expect(after.map((g) => g.map((r) => [r.prompt_id, r.output, r.tokens, r.finish_reason]))).toEqual(
      before.map((g) => g.map((r) => [r.prompt_id, r.output, r.tokens, r.finish_reason])),
    );
  }, 600_000);

  it('best-val: the loss-only pass gives the same exact losses as a full evaluation and picks the decision checkpoint', async () => {
    const spec = specs[1]!;
    const full = new Map<number, number>();
    for (const step of [2, 4]) full.set(step, (await readEvalManifest(await evalDirOf(spec, step)))!.val_loss!);
    const bestVal = { ...study, analysis: { ...study.analysis, checkpoint: 'best-val' } };
    const decided = await evaluateRun(bestVal, spec, { python: venvPython, force: true, phase: 'decision' });
    const ahead = JSON.parse(await readFile(runLayout.lossAhead(spec.runDir), 'utf8')) as {
      steps: Record<string, { val_loss: number }>;
    };
    // Equal to float32 rounding: the same forward pass, in a session that generated nothing (1 ulp seen).
    expect(Object.keys(ahead.steps).map(Number)).toEqual([2, 4]);
    for (const [step, loss] of full) expect(ahead.steps[String(step)]!.val_loss).toBeCloseTo(loss, 5);
    const best = ahead.steps['2']!.val_loss <= ahead.steps['4']!.val_loss ? 2 : 4;
    expect(decided.evaluated).toEqual([best]);
    // The decision checkpoint's manifest carries the loss the decision was made on (not recomputed).
    expect((await readEvalManifest(await evalDirOf(spec, best)))!.val_loss).toBe(ahead.steps[String(best)]!.val_loss);
  }, 600_000);

  it('exact val loss matches `mlx_lm lora --test` over the full valid split within 1e-4', async () => {
    const spec = specs[0]!;
    const ckpt = records[0]!.checkpoints.find((c) => c.step === 4)!;
    const staged = await stageCheckpoint(ckpt, join(spec.runDir, 'staged-test'));
    const data = join(spec.runDir, 'valid-as-test');
    await mkdir(data, { recursive: true });
    await cp(join(tiny, 'data', 'valid.jsonl'), join(data, 'test.jsonl'));
    const { stdout } = await execa(
      venvPython,
      [
        '-c',
        LORA_TEST_FULL_PRECISION,
        '--model',
        study.model,
        '--adapter-path',
        staged,
        '--data',
        data,
        '--test',
        '--test-batches',
        '-1',
        '--batch-size',
        String(tinyLora.batch_size),
        '--max-seq-length',
        String(tinyLora.max_seq_length),
      ],
      { env: { HF_HUB_OFFLINE: '1', NO_COLOR: '1' } },
    );
    const full = Number(/FULL_LOSS (\S+)/.exec(stdout)![1]);
    const printed = Number(/Test loss ([\d.]+)/.exec(stdout)![1]);
    const manifest = await readEvalManifest(runLayout.checkpointEvalDir(spec.runDir, 4));
    const error = Math.abs(manifest!.val_loss! - full);
    console.log(JSON.stringify({ val_loss_worker: manifest!.val_loss, val_loss_mlx_lm_test: full, abs_error: error }));
    expect(error).toBeLessThan(1e-4);
    expect(Math.abs(printed - manifest!.val_loss!)).toBeLessThan(5e-4 + 1e-9);
    const lines = (await readFile(join(tiny, 'data', 'valid.jsonl'), 'utf8')).trim().split('\n').length;
    expect(manifest!.val_examples).toBe(lines - (lines % tinyLora.batch_size));
  }, 600_000);
});
