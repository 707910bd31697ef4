import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserErrorList } from '../../src/errors/user-error-list.js';
import { isUserError, type UserError } from '../../src/errors/user-error.js';
import { validateStudy } from '../../src/pipeline/validate-study.js';
import { makeWorkspace } from './workspace.js';

// Item 1 of issue 14: mistakes that passed `validate` and failed only after hours of training.
// Each is now caught by validateStudy (what `validate` and the start of `run` call), exit 2,
// naming the file and line or key, with a fix. No Python: programs are shell scripts / absent names.

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  await mkdir(join(ws, 'bin'));
  await writeFile(join(ws, 'bin', 'ok.sh'), '#!/bin/sh\nexit 0\n');
  await chmod(join(ws, 'bin', 'ok.sh'), 0o755);
  await writeFile(join(ws, 'bin', 'plain.sh'), '#!/bin/sh\nexit 0\n');
  await chmod(join(ws, 'bin', 'plain.sh'), 0o644);
  await mkdir(join(ws, 'sub'));
});

/**
 * Writes `name` into the workspace: a valid study (model, data, suite of the workspace) plus `extra`
 * lines after `eval.suite` (line 9 on). `head` replaces the seeds line (line 6), `data` the data dir.
 */
async function study(
  name: string,
  extra: string,
  o: { head?: string; suite?: string; data?: string } = {},
): Promise<string> {
  const file = join(ws, name);
  const head = o.head ?? 'seeds: [0, 1]';
  const text =
    `name: demo\nmodel: model\ndata: ${o.data ?? 'data'}\ntrain:\n  num_layers: 2\n${head}\n` +
    `eval:\n  suite: ${o.suite ?? 'suite.yaml'}\n${extra}`;
  await writeFile(file, text);
  return file;
}

/** A suite file `name` in the workspace with the given YAML prompt lines. */
async function suite(name: string, prompts: string[]): Promise<void> {
  await writeFile(join(ws, name), `name: s\nprompts:\n${prompts.map((p) => `  - ${p}`).join('\n')}\n`);
}

/** validateStudy's UserError for `file`, formatted, with the workspace path replaced by `<ws>`. */
async function problems(file: string): Promise<{ error: UserError; text: string }> {
  const error = await validateStudy(file, { cwd: ws }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  expect(error.exitCode).toBe(2);
  return { error, text: error.format().replaceAll(ws, '<ws>') };
}

const dirFix = "relative paths are resolved against the study file's directory";

describe('programs the study names are checked as they will be started', () => {
  it('an external scorer command not on PATH', async () => {
    const file = await study(
      'scorer-missing.yaml',
      '  scorer: {kind: external, command: [no-such-scorer-7f3a, --x]}\n',
    );
    expect((await problems(file)).text).toBe(
      '<ws>/scorer-missing.yaml:9: eval.scorer.command[0]: external scorer program "no-such-scorer-7f3a": not ' +
        'found on PATH\n' +
        `  fix: install no-such-scorer-7f3a or give its path (${dirFix})`,
    );
  });

  it('an external scorer by relative path: resolved against the study file; found, or not executable', async () => {
    await writeFile(
      join(ws, 'sub', 'study.yaml'),
      'name: demo\nmodel: ../model\ndata: ../data\ntrain: {num_layers: 2}\nseeds: [0]\n' +
        'eval:\n  suite: ../suite.yaml\n  scorer: {kind: external, command: [../bin/ok.sh]}\n',
    );
    await expect(validateStudy(join(ws, 'sub', 'study.yaml'), { cwd: '/' })).resolves.toBeDefined();
    const file = await study('scorer-plain.yaml', '  scorer: {kind: external, command: [./bin/plain.sh]}\n');
    expect((await problems(file)).text).toBe(
      '<ws>/scorer-plain.yaml:9: eval.scorer.command[0]: external scorer program "./bin/plain.sh": not executable\n' +
        '  fix: make it executable (chmod +x ./bin/plain.sh) or start it through its interpreter',
    );
  });

  it('a missing engine.python, shown with the path it resolves to', async () => {
    const file = await study('python-missing.yaml', 'engine:\n  python: venv/bin/python\n');
    expect((await problems(file)).text).toBe(
      '<ws>/python-missing.yaml:10: engine.python: Python interpreter "venv/bin/python" (<ws>/venv/bin/python): ' +
        'not found\n' +
        `  fix: give the path of an existing program (${dirFix})`,
    );
  });

  it('an engine.python that exists and is executable passes', async () => {
    const file = await study('python-ok.yaml', 'engine:\n  python: bin/ok.sh\n');
    await expect(validateStudy(file, { cwd: ws })).resolves.toBeDefined();
  });

  it('a missing eval.command program; placeholders are left for run time', async () => {
    const file = await study('command-missing.yaml', '  command: [./eval/run-harness, "{checkpoint_dir}"]\n');
    expect((await problems(file)).text).toBe(
      '<ws>/command-missing.yaml:9: eval.command[0]: eval.command program "./eval/run-harness": not found\n' +
        `  fix: give the path of an existing program (${dirFix})`,
    );
    const templated = await study('command-templated.yaml', '  command: ["{model}/harness", "{output}"]\n');
    await expect(validateStudy(templated, { cwd: ws })).resolves.toBeDefined();
  });

  it('a bare program name is not looked up on PATH for a Slurm study (the nodes have their own PATH)', async () => {
    const file = await study('slurm-bare.yaml', '  command: [no-such-harness-7f3a]\nexecutor: {kind: slurm}\n');
    await expect(validateStudy(file, { cwd: ws })).resolves.toBeDefined();
  });
});

describe('the suite is checked against the scorer', () => {
  it('an invalid regex in a regex suite', async () => {
    await suite('regex-suite.yaml', ['{id: r1, prompt: a, regex: "^ok$"}', '{id: r2, prompt: b, regex: "a(b"}']);
    const file = await study('bad-regex.yaml', '  scorer: {kind: regex}\n', { suite: 'regex-suite.yaml' });
    expect((await problems(file)).text).toBe(
      '<ws>/regex-suite.yaml: prompts[1].regex: prompt 1 ("r2"): regex is not a valid JavaScript regular ' +
        'expression: /a(b/u: Unterminated group\n' +
        '  fix: fix the pattern (JavaScript syntax, unicode mode)',
    );
  });

  it('exact prompts without a reference: one problem naming the first and the others', async () => {
    await suite('exact-suite.yaml', [
      '{id: e1, prompt: a, reference: A}',
      '{id: e2, prompt: b}',
      '{id: e3, prompt: c}',
    ]);
    const file = await study('exact-no-ref.yaml', '  scorer: {kind: exact}\n', { suite: 'exact-suite.yaml' });
    expect((await problems(file)).text).toBe(
      '<ws>/exact-suite.yaml: prompts[1].reference: prompt 1 ("e2") has no `reference`, which the exact scorer needs' +
        ' (and 1 more: "e3")\n' +
        '  fix: add `reference` to every prompt of the suite, or choose another scorer in eval.scorer',
    );
  });

  it('a json-match reference that is not JSON (a bare word must be quoted)', async () => {
    await suite('json-suite.yaml', [
      `{id: j1, prompt: a, reference: '{"a": 1}'}`,
      '{id: j2, prompt: b, reference: yes}',
    ]);
    const file = await study('json-bad-ref.yaml', '  scorer: {kind: json-match}\n', { suite: 'json-suite.yaml' });
    expect((await problems(file)).text).toBe(
      '<ws>/json-suite.yaml: prompts[1].reference: prompt 1 ("j2"): reference is not valid JSON, which the ' +
        'json-match scorer needs\n' +
        `  fix: write the reference as JSON text, e.g. '{"a": 1}' (strings need their quotes: '"yes"')`,
    );
  });

  it('eval.command scores by itself: the scorer fields are not required', async () => {
    const file = await study('command-no-ref.yaml', '  scorer: {kind: exact}\n  command: [bin/ok.sh]\n', {
      suite: 'exact-suite.yaml',
    });
    await expect(validateStudy(file, { cwd: ws })).resolves.toBeDefined();
  });
});

describe('seeds numpy rejects', () => {
  it('a listed seed of 2^32 names its list item', async () => {
    const file = await study('seed-big.yaml', '', { head: 'seeds: [0, 4294967295, 4294967296]' });
    expect((await problems(file)).text).toBe(
      "<ws>/seed-big.yaml:6: seeds[2]: seed 4294967296 is outside 0 .. 4294967295 (2^32 - 1), the range numpy's " +
        'random seed accepts\n' +
        '  fix: use seeds between 0 and 4294967295',
    );
  });

  it('a seed range running past 2^32 - 1', async () => {
    const file = await study('seed-range.yaml', '', { head: 'seeds: {start: 4294967294, count: 3}' });
    expect((await problems(file)).text).toBe(
      '<ws>/seed-range.yaml:6: seeds.start: seed 4294967296 is outside 0 .. 4294967295 (2^32 - 1), the range ' +
        "numpy's random seed accepts\n" +
        '  fix: use seeds between 0 and 4294967295',
    );
  });

  it('a negative seed is refused by the schema', async () => {
    const file = await study('seed-negative.yaml', '', { head: 'seeds: [0, -1]' });
    expect((await problems(file)).text).toBe(
      '<ws>/seed-negative.yaml:6: seeds[1]: must be >= 0, got -1\n  fix: use a value >= 0 for `seeds[1]`',
    );
  });
});

describe('lr_schedule names mlx-lm 0.32.2 has', () => {
  it('an unknown schedule name, with a guess', async () => {
    const file = await study('lr-name.yaml', '', { head: 'seeds: [0]\ntrain:\n  num_layers: 2' });
    await writeFile(
      file,
      'name: demo\nmodel: model\ndata: data\ntrain:\n  num_layers: 2\n' +
        '  lr_schedule: {name: cosine, arguments: [1e-5, 100]}\nseeds: [0]\neval:\n  suite: suite.yaml\n',
    );
    expect((await problems(file)).text).toBe(
      '<ws>/lr-name.yaml:6: train.lr_schedule.name: mlx-lm has no learning-rate schedule "cosine"\n' +
        '  fix: use one of cosine_decay, exponential_decay, linear_schedule, step_decay',
    );
  });

  it('a known schedule with the wrong number of arguments, in the arm that sets it', async () => {
    const file = join(ws, 'lr-arity.yaml');
    await writeFile(
      file,
      'name: demo\nmodel: model\ndata: data\ntrain:\n  num_layers: 2\nseeds: [0]\neval:\n  suite: suite.yaml\n' +
        'arms:\n  - name: a\n  - name: b\n    train:\n      lr_schedule:\n        name: linear_schedule\n        ' +
        'arguments: [0.0001, 0]\n',
    );
    expect((await problems(file)).text).toBe(
      '<ws>/lr-arity.yaml:15: arms[1].train.lr_schedule.arguments: lr_schedule linear_schedule takes 3 arguments, ' +
        'not 2 (arm "b")\n' +
        '  fix: give the arguments of linear_schedule(init, end, steps), in that order',
    );
  });
});

describe('every line of every data split is JSON', () => {
  const good = (i: number) => JSON.stringify({ text: `example ${i}` });

  it('names the file and line of a non-JSON line, and counts the other bad lines', async () => {
    await mkdir(join(ws, 'data-bad'));
    await writeFile(
      join(ws, 'data-bad', 'train.jsonl'),
      [good(0), good(1), '{"text": "cut', good(3), 'oops', '[1]', good(6)].join('\n') + '\n',
    );
    await writeFile(join(ws, 'data-bad', 'valid.jsonl'), [good(0), '', good(2), good(3), good(4)].join('\n') + '\n\n');
    // No final newline: nothing is missing, every line is JSON.
    await writeFile(join(ws, 'data-bad', 'test.jsonl'), [good(0), good(1), good(2), good(3)].join('\n'));
    const file = await study('data-bad.yaml', '', { data: 'data-bad' });
    const { error, text } = await problems(file);
    expect((error as UserErrorList).problems.map((p) => [p.file, p.line])).toEqual([
      [join(ws, 'data-bad', 'train.jsonl'), 3],
      [join(ws, 'data-bad', 'valid.jsonl'), 2],
    ]);
    const fix = '     fix: write one JSON object per line, with no blank lines; mlx-lm reads every line of the file';
    expect(text).toBe(
      [
        '2 problems:',
        '1. <ws>/data-bad/train.jsonl:3: line is not valid JSON: {"text": "cut (and 2 more bad lines: 5, 6)',
        fix,
        '2. <ws>/data-bad/valid.jsonl:2: line is empty (mlx-lm parses every line as JSON) (and 1 more bad line: 6)',
        fix,
      ].join('\n'),
    );
  });

  it('streams a large file to its last line', async () => {
    await mkdir(join(ws, 'data-big'));
    const lines = Array.from({ length: 60_000 }, (_, i) => good(i));
    lines[59_998] = 'not json';
    await writeFile(join(ws, 'data-big', 'train.jsonl'), lines.join('\n') + '\n');
    const four = [0, 1, 2, 3].map(good).join('\n') + '\n';
    await writeFile(join(ws, 'data-big', 'valid.jsonl'), four);
    await writeFile(join(ws, 'data-big', 'test.jsonl'), four);
    const file = await study('data-big.yaml', '', { data: 'data-big' });
    expect((await problems(file)).text).toBe(
      '<ws>/data-big/train.jsonl:59999: line is not valid JSON: not json\n' +
        '  fix: write one JSON object per line, with no blank lines; mlx-lm reads every line of the file',
    );
  });
});

describe('several late failures at once', () => {
  it('lists every one in a single error', async () => {
    await suite('mixed-suite.yaml', ['{id: m1, prompt: a}']);
    const file = join(ws, 'several-late.yaml');
    await writeFile(
      file,
      'name: demo\nmodel: model\ndata: data-bad\ntrain:\n  num_layers: 2\n' +
        '  lr_schedule: {name: cosine_decy, arguments: [1e-5, 100]}\nseeds: [4294967296]\n' +
        'eval:\n  suite: mixed-suite.yaml\n  scorer: {kind: exact}\nengine:\n  python: ./no/python\n',
    );
    const { error } = await problems(file);
    expect(error).toBeInstanceOf(UserErrorList);
    expect(
      (error as UserErrorList).problems.map(
        (p) => `${p.file!.replace(ws, '<ws>')}:${p.line ?? ''}: ${p.keyPath ?? ''}`,
      ),
    ).toEqual([
      '<ws>/several-late.yaml:7: seeds[0]',
      '<ws>/several-late.yaml:6: train.lr_schedule.name',
      '<ws>/data-bad/train.jsonl:3: ',
      '<ws>/data-bad/valid.jsonl:2: ',
      '<ws>/several-late.yaml:12: engine.python',
      '<ws>/mixed-suite.yaml:: prompts[0].reference',
    ]);
  });
});
