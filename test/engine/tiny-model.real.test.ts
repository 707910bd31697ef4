import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeWithTool } from '../helpers/require-tool.js';
import { ensureTinyModel, offlineEnv, projectVenv, venvPython, type TinyModel } from '../helpers/tiny-model.js';

/**
 * The tiny model is the ground every real-engine test stands on: check with real mlx-lm
 * (not a mock) that it loads offline, that its tokenizer and chat template behave like
 * Qwen3's where seedstudy depends on it, and that greedy generation is deterministic.
 */

const probe = `
import json, sys
from mlx_lm import load, generate
from mlx_lm.sample_utils import make_sampler
model, tok = load(sys.argv[1])
msgs = [{"role": "user", "content": "Show contents of config.py"}]
off = tok.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False, enable_thinking=False)
default = tok.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)
call = 'execute_code("read_file(\\'config.py\\')")'
gen = lambda: generate(model, tok, off, max_tokens=24, sampler=make_sampler(temp=0.0))
print(json.dumps({"off": off, "default": default, "roundtrip": tok.decode(tok.encode(call, add_special_tokens=False)),
  "call": call, "has_thinking": tok.has_thinking, "eos": tok.eos_token, "first": gen(), "second": gen()}))
`;

interface ProbeResult {
  off: string;
  default: string;
  roundtrip: string;
  call: string;
  has_thinking: boolean;
  eos: string;
  first: string;
  second: string;
}

describeWithTool(projectVenv, 'tiny model through real mlx-lm', () => {
  let tiny: TinyModel;
  let result: ProbeResult;

  beforeAll(async () => {
    tiny = await ensureTinyModel();
    const { stdout } = await execa(venvPython(), ['-c', probe, tiny.model], { env: offlineEnv(), timeout: 300_000 });
    result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ProbeResult;
  });

  it('renders the empty think block only when enable_thinking is false', () => {
    expect(result.off.endsWith('<|im_start|>assistant\n<think>\n\n</think>\n\n')).toBe(true);
    expect(result.default.endsWith('<|im_start|>assistant\n')).toBe(true);
    expect(result.has_thinking).toBe(true);
    expect(result.eos).toBe('<|im_end|>');
  });

  it('round-trips a wrapped tool call through the tokenizer', () => {
    expect(result.roundtrip).toBe(result.call);
  });

  it('generates the same non-empty text twice with greedy decoding', () => {
    expect(result.first.trim().length).toBeGreaterThan(0);
    expect(result.second).toBe(result.first);
  });

  it('was pre-trained to call the right tool directly, leaving the wrapper for LoRA to learn', () => {
    expect(result.first).toMatch(/^read_file\(/);
  });

  it('ships a suite whose prompts carry the keys the suite loader reads', async () => {
    const suite = parse(await readFile(tiny.suite, 'utf8')) as { name: string; prompts: Record<string, unknown>[] };
    expect(suite.prompts.length).toBeGreaterThanOrEqual(20);
    const allowed = new Set([
      'id',
      'category',
      'messages',
      'prompt',
      'expected_tool',
      'wrapper',
      'reference',
      'regex',
      'max_tokens',
      'tools',
    ]);
    for (const prompt of suite.prompts) {
      expect(Object.keys(prompt).filter((k) => !allowed.has(k))).toEqual([]);
      expect(typeof prompt.expected_tool).toBe('string');
    }
    const { loadSuite } = await import('../../src/evaluation/load-suite.js');
    expect((await loadSuite(tiny.suite, 48)).prompts.length).toBe(suite.prompts.length);
    const train = await readFile(path.join(tiny.data, 'train.jsonl'), 'utf8');
    for (const prompt of suite.prompts) {
      const text = (prompt.messages as { content: string }[])[0]?.content ?? '';
      expect(train.includes(JSON.stringify(text))).toBe(false); // held out
    }
  });
});
