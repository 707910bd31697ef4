import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createScorer, scorerRegistry } from '../../src/evaluation/scorers/registry.js';
import { scoreToolCall } from '../../src/evaluation/scorers/tool-call.js';
import type { ScoreItem } from '../../src/evaluation/scorers/scorer.js';
import type { FinishReason } from '../../src/results/generation-record.js';
import { UserError } from '../../src/errors/user-error.js';

const item = (
  output: string,
  finish: FinishReason = 'stop',
  extra: Partial<ScoreItem['prompt']> = {},
  id = 'text-01',
): ScoreItem => ({
  id,
  prompt: {
    id,
    category: 'read_file',
    messages: [{ role: 'user', content: 'Show contents of config.py' }],
    max_tokens: 40,
    expected_tool: 'read_file',
    ...extra,
  },
  generation: { output, finish_reason: finish, prompt_id: id, repeat: 0, step: 100 },
});
const rubric = { wrapper: 'execute_code', direct_score: 0.5 };

describe('tool-call scorer (the Phase 43a rubric)', () => {
  it.each([
    ['wrapped call', `execute_code("read_file('config.py')")`, 'stop', 1, 'wrapped-correct'],
    ['wrapped with code= keyword', `execute_code(code="read_file('config.py')")`, 'stop', 1, 'wrapped-correct'],
    ['direct call', `read_file('config.py')`, 'stop', 0.5, 'direct-call'],
    ['wrong tool', `execute_code("write_file('config.py', 'x')")`, 'stop', 0, 'wrong-tool'],
    [
      'think-mode that never calls',
      '<think>\nOkay, the user wants me to show contents of config.py. Let me think about how to appro',
      'length',
      0,
      'think-mode',
    ],
    [
      'think-mode that timed out',
      '<think>\nOkay, the user wants to list the 5 most recent Git commits.',
      'timeout',
      0,
      'think-mode',
    ],
    [
      'empty think then a wrapped call',
      `<think>\n\n</think>\n\nexecute_code("read_file('config.py')")`,
      'stop',
      1,
      'wrapped-correct',
    ],
    ['prose', 'The file config.py holds the settings of the app.', 'stop', 0, 'prose'],
    ['truncated call', `execute_code("read_file('conf`, 'length', 0, 'truncated'],
    ['timeout without a call', 'Let me look at', 'timeout', 0, 'timeout'],
    ['malformed: unclosed call that stopped', `write_code("run_file('api/')`, 'stop', 0, 'malformed'],
    [
      'qwen tool_call json wrapped',
      '<tool_call>\n{"name": "execute_code", "arguments": {"code": "read_file(\'config.py\')"}}\n</tool_call>',
      'stop',
      1,
      'wrapped-correct',
    ],
  ] as const)('%s', (_name, output, finish, score, cls) => {
    const v = scoreToolCall(item(output, finish), rubric);
    expect(v).toMatchObject({ score, failure_class: cls });
    expect(v.reason.length).toBeGreaterThan(0);
  });

  it('uses the configured wrapper and direct score', () => {
    expect(scoreToolCall(item(`run("read_file('a')")`), { wrapper: 'run', direct_score: 0.25 }).score).toBe(1);
    expect(scoreToolCall(item(`read_file('a')`), { wrapper: 'run', direct_score: 0.25 }).score).toBe(0.25);
  });

  it('multi-tool: the expected tool anywhere inside the wrapper counts', () => {
    const out = `execute_code("s = find_symbol('HomeView'); src = read_file(s.file); check_tdom(src)")`;
    expect(scoreToolCall(item(out, 'stop', { expected_tool: 'check_tdom' }), rubric).failure_class).toBe(
      'wrapped-correct',
    );
  });

  it('a prompt without expected_tool is a user error', () => {
    expect(() => scoreToolCall(item('x', 'stop', { expected_tool: undefined }), rubric)).toThrow(UserError);
  });
});

describe('exact, contains, regex, json-match', () => {
  it('exact trims and compares', async () => {
    const s = createScorer({ kind: 'exact', trim: true, case_sensitive: true });
    const [a, b, c] = await s.score([
      item(' 42 \n', 'stop', { reference: '42' }),
      item('43', 'stop', { reference: '42' }),
      item('4', 'length', { reference: '42' }),
    ]);
    expect([a!.score, b!.score, c!.score]).toEqual([1, 0, 0]);
    expect([b!.failure_class, c!.failure_class]).toEqual(['mismatch', 'truncated']);
  });
  it('contains is case-insensitive by default', async () => {
    const [v] = await createScorer({ kind: 'contains', case_sensitive: false }).score([
      item('Answer: PARIS.', 'stop', { reference: 'paris' }),
    ]);
    expect(v!.score).toBe(1);
  });
  it('regex', async () => {
    const [v, w] = await createScorer({ kind: 'regex' }).score([
      item('read_file("x")', 'stop', { regex: '^read_file\\(' }),
      item('no', 'stop', { regex: '^read_file\\(' }),
    ]);
    expect([v!.score, w!.score]).toEqual([1, 0]);
  });
  it('regex: an invalid pattern names the prompt', async () => {
    await expect(createScorer({ kind: 'regex' }).score([item('x', 'stop', { regex: '(' })])).rejects.toThrow(
      /prompt "text-01": regex is not a valid/,
    );
  });
  it('json-match ignores key order and surrounding prose', async () => {
    const s = createScorer({ kind: 'json-match' });
    const [v, w, x] = await s.score([
      item('Here: {"b": [1, 2], "a": "x"} done', 'stop', { reference: '{"a":"x","b":[1,2]}' }),
      item('{"a": "y"}', 'stop', { reference: '{"a":"x"}' }),
      item('no json', 'stop', { reference: '{"a":"x"}' }),
    ]);
    expect([v!.score, w!.score, x!.score]).toEqual([1, 0, 0]);
    expect([w!.failure_class, x!.failure_class]).toEqual(['mismatch', 'invalid-json']);
  });
  it('registry covers every kind', () => {
    expect(Object.keys(scorerRegistry).sort()).toEqual([
      'contains',
      'exact',
      'external',
      'json-match',
      'regex',
      'tool-call',
    ]);
  });
});

describe('external scorer', () => {
  const script = fileURLToPath(new URL('../fixtures/eval/external-scorer.mjs', import.meta.url));
  const items = [
    item(`execute_code("read_file('a')")`, 'stop', {}, 'a'),
    item('prose', 'stop', {}, 'b'),
    item('read_file', 'stop', {}, 'c'),
  ];

  it('reads {id, score, reason, failure_class} lines', async () => {
    const verdicts = await createScorer({ kind: 'external', command: ['node', script], timeout_s: 30 }).score(items);
    expect(verdicts).toEqual([
      { score: 1, reason: 'mentions the tool', failure_class: 'mention' },
      { score: 0, reason: 'no mention', failure_class: 'missing' },
      { score: 1, reason: 'mentions the tool', failure_class: 'mention' },
    ]);
  });

  it('a bad line is a UserError naming the command, the line and what is wrong', async () => {
    process.env.BAD_LINE = '1';
    try {
      const error = await createScorer({ kind: 'external', command: ['node', script], timeout_s: 30 })
        .score(items)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe(
        `external scorer \`node ${script}\` wrote a bad line 2: score: Too big: expected number to be <=1: {"id":"b","score":1.5,"reason":"too good","failure_class":"x"}`,
      );
      expect((error as UserError).keyPath).toBe('eval.scorer.command');
    } finally {
      delete process.env.BAD_LINE;
    }
  });
});
