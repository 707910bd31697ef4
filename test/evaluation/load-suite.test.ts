import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { loadSuite } from '../../src/evaluation/load-suite.js';
import { tempDir } from './helpers/temp-dir.js';

async function suiteFile(name: string, text: string): Promise<string> {
  const file = join(await tempDir('ss-suite-'), name);
  await writeFile(file, text);
  return file;
}

const fail = async (file: string) => {
  const e = await loadSuite(file, 64).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
};

describe('loadSuite', () => {
  it('reads YAML, normalises prompt to messages, fills max_tokens, hashes canonical content', async () => {
    const a = await suiteFile(
      's.yaml',
      'name: s\nprompts:\n  - {id: a, category: c, prompt: hi, expected_tool: t, max_tokens: 8}\n  - {id: b, messages: [{role: user, content: yo}]}\n',
    );
    const s = await loadSuite(a, 64);
    expect(s.prompts[0]).toMatchObject({ id: 'a', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 });
    expect(s.prompts[1]).toMatchObject({ id: 'b', category: 'default', max_tokens: 64 });
    // Same content in another layout (key order, flow vs block style) hashes the same.
    const b = await suiteFile(
      's.yaml',
      'prompts:\n  - max_tokens: 8\n    expected_tool: t\n    category: c\n    id: a\n    prompt: hi\n  - {messages: [{content: yo, role: user}], id: b}\nname: s\n',
    );
    expect((await loadSuite(b, 64)).sha256).toBe(s.sha256);
    const c = await suiteFile(
      's.yaml',
      'name: s\nprompts:\n  - {id: a, category: c, prompt: hi!, expected_tool: t, max_tokens: 8}\n  - {id: b, messages: [{role: user, content: yo}]}\n',
    );
    expect((await loadSuite(c, 64)).sha256).not.toBe(s.sha256);
  });

  it('reads JSONL, one prompt per line', async () => {
    const f = await suiteFile('s.jsonl', '{"id": "x", "prompt": "p", "regex": "^a"}\n\n{"id": "y", "prompt": "q"}\n');
    const s = await loadSuite(f, 10);
    expect(s.name).toBe('s');
    expect(s.prompts.map((p) => p.id)).toEqual(['x', 'y']);
  });

  it('names file, line, prompt index and id, key and fix for a typo (JSONL)', async () => {
    const f = await suiteFile(
      's.jsonl',
      '{"id": "x", "prompt": "p"}\n{"id": "y", "prompt": "q", "expected_tol": "t"}\n',
    );
    const e = await fail(f);
    expect(e.file).toBe(f);
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^prompt 1 \("y"\): /);
    expect(e.fix).toMatch(
      /remove or rename "expected_tol"; allowed keys: id, category, messages, prompt, tools, expected_tool/,
    );
  });

  it('names the key path of a bad value (YAML)', async () => {
    const e = await fail(
      await suiteFile('s.yaml', 'prompts:\n  - {id: a, prompt: p}\n  - {id: b, prompt: p, max_tokens: -3}\n'),
    );
    expect(e.keyPath).toBe('prompts[1].max_tokens');
    expect(e.message).toMatch(/^prompt 1 \("b"\): /);
  });

  it('rejects duplicate ids and prompts with both or neither of messages/prompt', async () => {
    const dup = await fail(await suiteFile('s.yaml', 'prompts:\n  - {id: a, prompt: p}\n  - {id: a, prompt: q}\n'));
    expect(dup.message).toBe('duplicate prompt id "a" (prompts[0] and prompts[1])');
    expect(dup.keyPath).toBe('prompts[1].id');
    const both = await fail(
      await suiteFile('s.yaml', 'prompts:\n  - {id: a, prompt: p, messages: [{role: user, content: x}]}\n'),
    );
    expect(both.message).toContain('give exactly one of `messages` or `prompt`');
  });

  it('an empty suite or a missing file is a UserError', async () => {
    await fail(await suiteFile('s.jsonl', '\n'));
    expect((await fail('/nonexistent/suite.yaml')).message).toMatch(/cannot read the eval suite/);
  });
});

describe('an empty YAML suite', () => {
  it('names the prompts key, for an empty file and for prompts: []', async () => {
    for (const text of ['', 'prompts: []\n']) {
      const e = await fail(await suiteFile('empty.yaml', text));
      expect(e.message).toBe('the eval suite has no prompts');
      expect(e.keyPath).toBe('prompts');
    }
  });
});
