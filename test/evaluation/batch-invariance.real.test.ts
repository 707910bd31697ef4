import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../src/plan/sha256-file.js';
import { runWorker, type CheckpointOutput } from '../../src/evaluation/run-worker.js';
import { workerArgv } from '../../src/evaluation/worker-location.js';
import type { WorkerJob } from '../../src/evaluation/worker-protocol.js';
import { tinyDir, tinyLora, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';

/**
 * Every model greedy batch-invariance is proven on. Adding a model is one line here (the tiny quantized MoE:
 * `{ name: 'tiny MoE', dir: async () => (await ensureTinyMoeModel()).dir }`).
 */
const models: { name: string; dir: () => Promise<string> }[] = [{ name: 'tiny qwen3 (float32)', dir: tinyDir }];

type Outputs = Map<string, { output: string; tokens: number; finish_reason: string }>;

const key = (g: { step: number; prompt_id: string; repeat: number }) => `${g.step}/${g.prompt_id}/${g.repeat}`;
const env = { HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1', NO_COLOR: '1', TOKENIZERS_PARALLELISM: 'false' };

describe.each(models)('greedy outputs do not depend on batching: $name', ({ dir }) => {
  let job: WorkerJob;
  let reference: Outputs;

  beforeAll(async () => {
    const root = await dir();
    const work = await tempDir('ss-invariance-');
    const adapters = join(work, 'adapters');
    await writeFile(
      join(work, 'lora.json'),
      JSON.stringify({
        ...tinyLora,
        model: join(root, 'model'),
        data: join(root, 'data'),
        train: true,
        seed: 0,
        adapter_path: adapters,
        iters: 2,
        save_every: 2,
      }),
    );
    await execa(venvPython, ['-m', 'mlx_lm', 'lora', '--config', join(work, 'lora.json')], { env, timeout: 300_000 });
    const file = join(adapters, '0000002_adapters.safetensors');
    const suite = parse(await readFile(join(root, 'suite.yaml'), 'utf8')) as {
      prompts: { id: string; prompt?: string; messages?: unknown[]; max_tokens?: number }[];
    };
    job = {
      model: join(root, 'model'),
      adapter_config: join(adapters, 'adapter_config.json'),
      checkpoints: [{ step: 2, file, sha256: await sha256File(file) }],
      prompts: suite.prompts.map((p) => ({
        id: p.id,
        messages: p.messages ?? [{ role: 'user', content: p.prompt }],
        max_tokens: p.max_tokens ?? 40,
      })),
      settings: {
        temperature: 0,
        top_p: 1,
        repeats: 1,
        chat_template_args: { enable_thinking: false },
        prompt_timeout_s: 120,
      },
      loss: null,
    };
    // The reference: one prompt at a time, no prefix cache (mlx-lm's stream_generate per prompt).
    reference = await evaluate({ batch_size: 1, batching: 'chunked', prefix_cache: false });
    expect(reference.size).toBe(job.prompts.length);
  }, 300_000);

  async function evaluate(settings: Partial<WorkerJob['settings']>): Promise<Outputs> {
    const outs: CheckpointOutput[] = [];
    await runWorker(
      { ...job, settings: { ...job.settings, ...settings } },
      {
        python: venvPython,
        watchdogS: 300,
        onCheckpoint: (o) => Promise.resolve(void outs.push(o)),
      },
    );
    expect(outs).toHaveLength(1);
    return toOutputs(outs[0]!.generations);
  }

  // Batch size 1 is the reference itself (and, with continuous batching, covered by scripts/tests).
  it.each([5, 1000])(
    'continuous batching with batch size %i and the prefix cache: same outputs',
    async (size) => {
      const outs: CheckpointOutput[] = [];
      await runWorker(
        { ...job, settings: { ...job.settings, batch_size: size } },
        {
          python: venvPython,
          watchdogS: 300,
          onCheckpoint: (o) => Promise.resolve(void outs.push(o)),
        },
      );
      expect(toOutputs(outs[0]!.generations)).toEqual(reference);
      const t = outs[0]!.throughput!;
      expect(t.batching).toBe('continuous');
      expect(t.batch_size).toBe(Math.min(size, job.prompts.length));
      expect(t.prefix_prefills).toBe(1);
      expect(t.tokens_per_s).toBeGreaterThan(0);
    },
    120_000,
  );

  it("a worker killed mid-suite and restarted with the driver's skip list gives the same outputs", async () => {
    const work = await tempDir('ss-restart-');
    const first = new Map() as Outputs;
    const jobFile = join(work, 'job-1.json');
    await writeFile(jobFile, JSON.stringify({ ...job, settings: { ...job.settings, batch_size: 5 } }));
    const [file, ...args] = workerArgv(venvPython);
    const child = execa(file!, [...args, jobFile], { env, reject: false, buffer: { stdout: false } });
    for await (const text of createInterface({ input: child.stdout })) {
      const line = JSON.parse(text) as GenerationLike & { type: string };
      if (line.type === 'generation') first.set(key(line), pick(line));
      if (first.size === Math.floor(job.prompts.length / 2)) {
        child.kill('SIGKILL');
        break;
      }
    }
    await child;
    expect(first.size).toBe(Math.floor(job.prompts.length / 2));
    const skip = [...first.keys()].map((k) => {
      const [step, prompt_id, repeat] = k.split('/');
      return { step: Number(step), prompt_id: prompt_id!, repeat: Number(repeat) };
    });
    const jobFile2 = join(work, 'job-2.json');
    await writeFile(jobFile2, JSON.stringify({ ...job, settings: { ...job.settings, batch_size: 5 }, skip }));
    const second = await execa(file!, [...args, jobFile2], { env });
    const lines = second.stdout.split('\n').map((l) => JSON.parse(l) as GenerationLike & { type: string });
    const rest = lines.filter((l) => l.type === 'generation');
    expect(rest).toHaveLength(job.prompts.length - first.size);
    const combined = new Map([...first, ...toOutputs(rest)]);
    expect(new Map([...combined].sort())).toEqual(new Map([...reference].sort()));
  }, 120_000);
});

interface GenerationLike {
  step: number;
  prompt_id: string;
  repeat: number;
  output?: unknown;
  tokens?: unknown;
  finish_reason?: unknown;
}

function pick(g: GenerationLike) {
  return { output: g.output as string, tokens: g.tokens as number, finish_reason: g.finish_reason as string };
}

function toOutputs(generations: GenerationLike[]): Outputs {
  return new Map(generations.map((g) => [key(g), pick(g)]));
}
