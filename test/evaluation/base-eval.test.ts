import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEvalTarget, readBasePointer, writeBasePointer } from '../../src/evaluation/base-eval.js';
import type { GenerationSettings } from '../../src/evaluation/eval-identity.js';

const settings = (data: string, batch = 4): GenerationSettings => ({
  model: '/m',
  mode: 'adapter',
  fuse: null,
  command: null,
  temperature: 0,
  top_p: 1,
  eval_seed: null,
  repeats: 1,
  batch_size: 8,
  max_tokens: 64,
  chat_template_args: {},
  system_prompt: null,
  prompt_timeout_s: 600,
  exact_loss: true,
  loss: { data, batch_size: batch, max_seq_length: 128, mask_prompt: true },
});

async function dataDir(root: string, name: string, valid: string) {
  const d = join(root, name);
  await mkdir(d, { recursive: true });
  await writeFile(join(d, 'valid.jsonl'), valid);
  await writeFile(join(d, 'train.jsonl'), `${name}\n`); // train data never enters the base's identity
  return d;
}

describe("the base model's one evaluation per identity", () => {
  it('runs whose data copies hold the same valid bytes share it; other bytes or loss settings do not', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ss-base-'));
    const suite = { generationSha256: 'g' };
    const a = await baseEvalTarget(join(root, 'out'), suite, settings(await dataDir(root, 'a', 'v1\n')), 'm');
    const b = await baseEvalTarget(join(root, 'out'), suite, settings(await dataDir(root, 'b', 'v1\n')), 'm');
    const c = await baseEvalTarget(join(root, 'out'), suite, settings(await dataDir(root, 'c', 'v2\n')), 'm');
    const d = await baseEvalTarget(join(root, 'out'), suite, settings(join(root, 'a'), 2), 'm');
    const e = await baseEvalTarget(join(root, 'out'), suite, settings(join(root, 'a')), 'other-model');
    expect(a.identity).toBe(b.identity);
    expect(a.dir).toBe(b.dir);
    expect(new Set([a.identity, c.identity, d.identity, e.identity]).size).toBe(4);
    expect(a).toMatchObject({
      step: 0,
      file: null,
      sha256: null,
      arm: '',
      dir: join(root, 'out', 'base', a.identity.slice(0, 16)),
    });
  });

  it("a run's pointer names the shared directory relative to the run, so the output can move", async () => {
    const root = await mkdtemp(join(tmpdir(), 'ss-base-'));
    const runDir = join(root, 'out', 'runs', 'arm', 'seed-0');
    await mkdir(join(runDir, 'eval'), { recursive: true });
    await writeBasePointer(runDir, { identity: 'abc', dir: join(root, 'out', 'base', 'abc') });
    expect(await readBasePointer(runDir)).toEqual({ identity: 'abc', dir: join(root, 'out', 'base', 'abc') });
  });
});
