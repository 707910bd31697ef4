import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importInputs } from '../../src/pipeline/import-inputs.js';
import { parseImportOptions } from '../../src/results/import-options.js';
import { valueToFloat } from '../../src/results/inspect-log.js';
import { UserError } from '../../src/errors/user-error.js';

/**
 * The --input importers on real output of lm-eval 0.4.13 and inspect_ai 0.3.285
 * (test/fixtures/import/README.md says how each file was made). The reference for every
 * per-seed mean is the tool's own aggregate in the same run's results: lm-eval's
 * `results.tool_choice["acc,none"]`, inspect's `results.scores[0].metrics.accuracy.value`.
 */
const fixtures = resolve(fileURLToPath(new URL('../fixtures/import', import.meta.url)));

async function filesUnder(dir: string, pattern: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && pattern.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

function meanBySeed(obs: readonly { seed: number; score: number }[]): Map<number, number> {
  const sums = new Map<number, { s: number; n: number }>();
  for (const o of obs) {
    const a = sums.get(o.seed) ?? { s: 0, n: 0 };
    sums.set(o.seed, { s: a.s + o.score, n: a.n + 1 });
  }
  return new Map([...sums].map(([seed, a]) => [seed, a.s / a.n]));
}

async function userError(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('lm-eval --log_samples (0.4.13)', async () => {
  const samples = await filesUnder(join(fixtures, 'lm-eval'), /^samples_.*\.jsonl$/);
  const options = parseImportOptions({
    seedPattern: 'seed-(\\d+)',
    defaults: 'arm=dummy,checkpoint=100',
    metric: 'acc',
  });

  it('imports every document of every seed with the task as category', async () => {
    const data = await importInputs(samples, options);
    expect(samples).toHaveLength(3);
    expect(data.observations).toHaveLength(36);
    expect(new Set(data.observations.map((o) => o.seed))).toEqual(new Set([0, 1, 2]));
    expect(new Set(data.observations.map((o) => o.category))).toEqual(new Set(['tool_choice']));
    expect(data.observations.every((o) => o.arm === 'dummy' && o.checkpoint === 100)).toBe(true);
    expect(data.outputs).toHaveLength(36);
  });

  it("gives each seed the mean lm-eval itself reported (results['tool_choice']['acc,none'])", async () => {
    const data = await importInputs(samples, options);
    const means = meanBySeed(data.observations);
    for (const file of await filesUnder(join(fixtures, 'lm-eval'), /^results_.*\.json$/)) {
      const seed = Number(/seed-(\d+)/.exec(file)![1]);
      const reported = (JSON.parse(readFileSync(file, 'utf8')) as { results: { tool_choice: { 'acc,none': number } } })
        .results.tool_choice['acc,none'];
      expect(means.get(seed)).toBeCloseTo(reported, 12);
    }
  });

  it('asks which metric when a task logs several', async () => {
    const e = await userError(
      importInputs(samples.slice(0, 1), parseImportOptions({ seedPattern: 'seed-(\\d+)', defaults: 'arm=x' })),
    );
    expect(e.message).toBe('the samples log 2 metrics (acc, acc_norm)');
    expect(e.fix).toBe('choose the score with --metric NAME');
  });

  it('refuses a file without a seed, naming both ways to give one', async () => {
    const e = await userError(
      importInputs(samples.slice(0, 1), parseImportOptions({ defaults: 'arm=x', metric: 'acc' })),
    );
    expect(e.message).toContain('no seed');
    expect(e.fix).toContain('--seed-pattern');
  });

  it('detects a samples file that does not belong to its results file (task_hashes)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seedstudy-lmeval-'));
    await cp(join(fixtures, 'lm-eval', 'seed-0'), join(dir, 'seed-0'), { recursive: true });
    const [file] = await filesUnder(dir, /^samples_.*\.jsonl$/);
    const text = await readFile(file!, 'utf8');
    await writeFile(file!, text.replace(/"doc_hash": "[0-9a-f]/, '"doc_hash": "Z'));
    const e = await userError(importInputs([file!], options));
    expect(e.message).toMatch(/^the samples do not match .*results_.*\.json \(task_hashes\.tool_choice is /);
  });
});

describe('inspect_ai JSON logs (0.3.285)', async () => {
  const logs = await filesUnder(join(fixtures, 'inspect'), /\.json$/);
  const options = parseImportOptions({ seedPattern: 'seed-(\\d+)', defaults: 'arm=lora,checkpoint=800' });

  it('imports every sample and epoch, categories from sample metadata, epochs as repeats', async () => {
    const data = await importInputs(logs, options);
    expect(data.observations).toHaveLength(3 * 6 * 2);
    expect(new Set(data.observations.map((o) => o.repeat))).toEqual(new Set([0, 1]));
    expect(new Set(data.observations.map((o) => o.category))).toEqual(new Set(['single_tool', 'multi_step', 'domain']));
    expect(data.outputs).toHaveLength(3 * 6); // first epoch only
    expect(data.outputs!.some((o) => o.output?.includes('<tool_call>'))).toBe(true);
  });

  it('gives each seed the accuracy inspect itself reported', async () => {
    const data = await importInputs(logs, options);
    const means = meanBySeed(data.observations);
    for (const file of logs) {
      const seed = Number(/seed-(\d+)/.exec(file)![1]);
      const log = JSON.parse(readFileSync(file, 'utf8')) as {
        results: { scores: { metrics: { accuracy: { value: number } } }[] };
      };
      expect(means.get(seed)).toBeCloseTo(log.results.scores[0]!.metrics.accuracy.value, 12);
    }
  });

  it('turns score values into numbers as inspect_ai value_to_float does', () => {
    expect([valueToFloat('C'), valueToFloat('I'), valueToFloat('P'), valueToFloat('N')]).toEqual([1, 0, 0.5, 0]);
    expect([
      valueToFloat(true),
      valueToFloat('yes'),
      valueToFloat('false'),
      valueToFloat('0.25'),
      valueToFloat({}),
    ]).toEqual([1, 1, 0, 0.25, undefined]);
  });

  it('refuses the binary .eval format with the command that converts it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seedstudy-inspect-'));
    await writeFile(join(dir, 'run.eval'), 'PK\u0003\u0004');
    const e = await userError(importInputs([join(dir, 'run.eval')], options));
    expect(e.fix).toBe(
      `convert it to JSON first: inspect log convert ${join(dir, 'run.eval')} --to json --output-dir DIR, then give DIR's .json file`,
    );
  });
});

describe('any CSV through a column map', () => {
  const file = join(fixtures, 'mapped.csv');
  const columns = 'seed=run_seed,prompt_id=doc_id,category=subject,score=acc,checkpoint=train_step';

  it('maps the columns, takes constants from --defaults and ignores the columns it does not name', async () => {
    const data = await importInputs([file], parseImportOptions({ columns, defaults: 'arm=other-pipeline' }));
    expect(data.observations).toHaveLength(40);
    const first = data.observations[0]!;
    expect(first).toMatchObject({
      arm: 'other-pipeline',
      seed: 0,
      checkpoint: 400,
      promptId: 'd00',
      category: 'parsing',
    });
    // Row 2 of the file: 0,d00,parsing,1,400 → score 1.
    expect(first.score).toBe(1);
  });

  it("names the file's columns when a mapped column is not there", async () => {
    const e = await userError(
      importInputs([file], parseImportOptions({ columns: 'seed=run,score=acc', defaults: 'arm=x' })),
    );
    expect(e.message).toBe('--columns seed=run: the file has no column "run"');
    expect(e.fix).toBe("use one of the file's columns: run_seed, doc_id, subject, acc, train_step, notes");
  });

  it('refuses a mapping to a column seedstudy does not have, and a pattern without a group, at once', () => {
    expect(() => parseImportOptions({ columns: 'sed=run_seed', seedPattern: 'seed' })).toThrow(
      '--columns names "sed", which is not a seedstudy column; --seed-pattern has no capture group for the seed',
    );
  });
});
