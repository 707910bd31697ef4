import { cp, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageCheckpoint } from '../../src/checkpoints/stage-checkpoint.js';
import { readEvalManifest } from '../../src/evaluation/eval-manifest.js';
import { fuseCheckpoint } from '../../src/evaluation/fuse-checkpoint.js';
import { localExecutor } from '../../src/launch/local-executor.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { runLayout } from '../../src/plan/run-layout.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { readMetrics } from '../../src/results/metrics-record.js';
import type { RunRecord } from '../../src/results/run-record.js';
import type { Study } from '../../src/study/study.js';
import { makeSpec, makeStudy } from '../evaluation/helpers/eval-fixture.js';
import { tempDir } from '../evaluation/helpers/temp-dir.js';
import { ensureTinyMoeModel, offlineEnv, venvPython, type TinyModel } from '../helpers/tiny-model.js';
import { LORA_TEST_FULL_PRECISION } from '../helpers/lora-test-loss.js';

/**
 * The seed document's model class (Qwen3-Coder-30B-A3B-Instruct-4bit: a 4-bit mixture of experts)
 * in miniature, through real mlx-lm: it loads as quantized qwen3_moe, QLoRA trains it through
 * seedstudy's launcher, and the eval worker scores it in adapter mode (one load for every
 * checkpoint, exact val loss) and in fused mode (`mlx_lm fuse` re-quantizes the fused experts).
 */

const TRAIN = {
  iters: 8,
  save_every: 4,
  steps_per_report: 2,
  steps_per_eval: 1000,
  batch_size: 4,
  num_layers: -1,
  val_batches: 1,
  learning_rate: 5e-3,
  max_seq_length: 512,
  lora_parameters: { rank: 4, scale: 20.0, dropout: 0.0 },
};
const PROMPTS = 4; // suite prompts generated per checkpoint: enough to exercise batching, cheap enough for CI

const probe = `
import json, sys
import mlx.nn as nn
from mlx_lm import load
model, tok = load(sys.argv[1])
layer = model.model.layers[0]
mods = {"q_proj": layer.self_attn.q_proj, "router": layer.mlp.gate, "experts_up": layer.mlp.switch_mlp.up_proj,
        "experts_down": layer.mlp.switch_mlp.down_proj, "embed": model.model.embed_tokens, "lm_head": model.lm_head}
info = lambda m: {"type": type(m).__name__, "bits": getattr(m, "bits", None),
                  "group_size": getattr(m, "group_size", None)}
print(json.dumps({k: info(m) for k, m in mods.items()}))
`;

/** Tensor names of a safetensors file (its JSON header), without loading the tensors. */
async function safetensorNames(file: string): Promise<string[]> {
  const fh = await open(file, 'r');
  try {
    const len = Buffer.alloc(8);
    await fh.read(len, 0, 8, 0);
    const header = Buffer.alloc(Number(len.readBigUInt64LE()));
    await fh.read(header, 0, header.length, 8);
    return Object.keys(JSON.parse(header.toString('utf8')) as object).filter((k) => k !== '__metadata__');
  } finally {
    await fh.close();
  }
}

describe('tiny 4-bit qwen3_moe through real mlx-lm', () => {
  let tiny: TinyModel;
  let study: Study;
  let spec: RunSpec;
  let record: RunRecord;
  const adapterValLoss = new Map<number, number>(); // step -> val loss in adapter mode
  const t0 = Date.now();

  beforeAll(async () => {
    tiny = await ensureTinyMoeModel();
    const root = await tempDir('ss-moe-');
    const suite = parse(await readFile(tiny.suite, 'utf8')) as { name: string; prompts: unknown[] };
    const suitePath = join(root, 'suite.yaml');
    await writeFile(suitePath, stringify({ ...suite, prompts: suite.prompts.slice(0, PROMPTS) }));
    study = makeStudy(root, {
      model: tiny.model,
      data: tiny.data,
      suite: suitePath,
      eval: { chat_template_args: { enable_thinking: false }, prompt_timeout_s: 60 },
    });
    spec = makeSpec(study, 0, TRAIN);
    const [trained] = await localExecutor.execute(study, [spec], { python: venvPython() });
    record = trained!;
  }, 1_800_000); // the first call builds the model (about 2 CPU-minutes; much longer while the suite runs)

  it('loads as qwen3_moe: linear layers and experts are 4-bit QuantizedLinear / QuantizedSwitchLinear', async () => {
    const config = JSON.parse(await readFile(join(tiny.model, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ model_type: 'qwen3_moe', num_experts: 4, num_experts_per_tok: 2 });
    // The block mlx_lm convert writes: defaults plus the router override from qwen3_moe's quant_predicate.
    expect(config.quantization).toEqual({
      group_size: 64,
      bits: 4,
      mode: 'affine',
      'model.layers.0.mlp.gate': { group_size: 64, bits: 8 },
      'model.layers.1.mlp.gate': { group_size: 64, bits: 8 },
    });
    expect(config.quantization_config).toEqual(config.quantization);
    const { stdout } = await execa(venvPython(), ['-c', probe, tiny.model], { env: offlineEnv(), timeout: 120_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      q_proj: { type: 'QuantizedLinear', bits: 4, group_size: 64 },
      router: { type: 'QuantizedLinear', bits: 8, group_size: 64 },
      experts_up: { type: 'QuantizedSwitchLinear', bits: 4, group_size: 64 },
      experts_down: { type: 'QuantizedSwitchLinear', bits: 4, group_size: 64 },
      embed: { type: 'QuantizedEmbedding', bits: 4, group_size: 64 },
      lm_head: { type: 'QuantizedLinear', bits: 4, group_size: 64 },
    });
  }, 120_000);

  it('QLoRA-trains through seedstudy: checkpoints hold LoRA on the quantized experts and router', async () => {
    expect(record.status, record.errorExcerpt.join('\n')).toBe('succeeded');
    expect(record.checkpoints.map((c) => c.step)).toEqual([4, 8]);
    const names = await safetensorNames(record.checkpoints[1]!.file);
    for (const layer of [0, 1]) {
      for (const m of ['self_attn.q_proj', 'mlp.gate', 'mlp.switch_mlp.gate_proj', 'mlp.switch_mlp.down_proj']) {
        expect(names).toContain(`model.layers.${layer}.${m}.lora_a`);
      }
    }
    const train = (await readMetrics(runLayout.metrics(spec.runDir))).filter((m) => m.kind === 'train');
    expect(train.map((m) => m.step)).toEqual([2, 4, 6, 8]);
    for (const m of train) expect(Number.isFinite(m.train_loss)).toBe(true);
    console.info(`tiny-moe QLoRA: ${TRAIN.iters} iterations in ${record.durationS} s including the model load`);
  });

  it('adapter mode: base + 2 checkpoints in ONE model load, exact val loss equal to `mlx_lm lora --test`', async () => {
    const result = await evaluateRun(study, spec, { python: venvPython() });
    expect(result.evaluated).toEqual([8, 0, 4]); // the decision checkpoint (final) first, then the base
    expect(result.modelLoads).toBe(1);
    const evaluations = await runEvaluations(spec.runDir, spec.runId);
    expect(evaluations.map((e) => [e.step, e.shared])).toEqual([
      [0, true],
      [4, false],
      [8, false],
    ]);
    const manifests = evaluations.map((e) => e.manifest);
    for (const m of manifests) {
      expect(m).toMatchObject({ mode: 'adapter', model_loads: 1, generations: PROMPTS });
      expect(m.val_loss).toBeGreaterThan(0);
    }
    expect(manifests[2]!.val_loss).not.toBeCloseTo(manifests[0]!.val_loss!, 4);
    for (const m of manifests) adapterValLoss.set(m.step, m.val_loss!);

    // Reference: mlx-lm's own evaluate() over the whole valid split (as test.jsonl), same batch and length.
    const staged = await stageCheckpoint(record.checkpoints[1]!, join(spec.runDir, 'staged-test'));
    const data = join(spec.runDir, 'valid-as-test');
    await mkdir(data, { recursive: true });
    await cp(join(tiny.data, 'valid.jsonl'), join(data, 'test.jsonl'));
    const { stdout } = await execa(
      venvPython(),
      [
        '-c',
        LORA_TEST_FULL_PRECISION,
        '--model',
        tiny.model,
        '--adapter-path',
        staged,
        '--data',
        data,
        '--test',
        '--test-batches',
        '-1',
        '--batch-size',
        String(TRAIN.batch_size),
        '--max-seq-length',
        String(TRAIN.max_seq_length),
      ],
      { env: { ...offlineEnv(), NO_COLOR: '1' } },
    );
    const full = Number(/FULL_LOSS (\S+)/.exec(stdout)![1]);
    console.info(JSON.stringify({ moe_val_loss_worker: manifests[2]!.val_loss, moe_val_loss_mlx_lm_test: full }));
    expect(Math.abs(manifests[2]!.val_loss! - full)).toBeLessThan(1e-4);
  }, 300_000);

  it('fused mode: fuse keeps the base 4 bits; with quantize_bits it fuses de-quantized and re-quantizes', async () => {
    const staged = await stageCheckpoint(record.checkpoints[1]!, join(spec.runDir, 'staged-fuse'));
    const quantization = async (fuse: Parameters<typeof fuseCheckpoint>[3]) => {
      const fused = await fuseCheckpoint(venvPython(), tiny.model, staged, fuse);
      try {
        const names = await safetensorNames(join(fused.dir, 'model.safetensors'));
        expect(names).toContain('model.layers.0.mlp.switch_mlp.up_proj.scales');
        expect(names.filter((n) => n.includes('lora'))).toEqual([]);
        const config = JSON.parse(await readFile(join(fused.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
        return config.quantization;
      } finally {
        await fused.cleanup();
      }
    };
    expect(await quantization(undefined)).toMatchObject({ group_size: 64, bits: 4, mode: 'affine' });
    // The seed document evaluated 5-bit fused models of its 4-bit base: the requested bits must win.
    expect(await quantization({ quantize_bits: 5, group_size: 32 })).toEqual({
      group_size: 32,
      bits: 5,
      mode: 'affine',
      'model.layers.0.mlp.gate': { group_size: 64, bits: 8 },
      'model.layers.1.mlp.gate': { group_size: 64, bits: 8 },
    });

    const fuse = { quantize_bits: 5 as const, group_size: 32 as const };
    const fusedEval = { ...study.eval, mode: 'fused' as const, fuse, include_base: false, checkpoints: [8] };
    const fusedStudy: Study = { ...study, eval: fusedEval };
    const result = await evaluateRun(fusedStudy, spec, { python: venvPython(), force: true });
    expect(result.evaluated).toEqual([8]);
    expect(result.modelLoads).toBe(1);
    const m = await readEvalManifest(runLayout.checkpointEvalDir(spec.runDir, 8));
    expect(m).toMatchObject({ mode: 'fused', step: 8, model_loads: 1, generations: PROMPTS });
    // Re-quantized at 5 bits, the fused checkpoint is close to the adapter-mode checkpoint, not to the base.
    const [base, adapter] = [adapterValLoss.get(0)!, adapterValLoss.get(8)!];
    expect(Math.abs(m!.val_loss! - adapter)).toBeLessThan(Math.abs(m!.val_loss! - base) / 4);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.info(`tiny-moe val loss: base ${base}, step 8 ${adapter}, fused 5-bit ${m!.val_loss}; file ${seconds} s`);
  }, 300_000);
});
