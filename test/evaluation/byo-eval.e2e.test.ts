import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { parseCommandRecords } from '../../src/evaluation/command-records.js';
import { evalFiles } from '../../src/evaluation/eval-manifest.js';
import { loadStudySuite } from '../../src/evaluation/load-suite.js';
import { suiteJsonSchema } from '../../src/evaluation/suite-json-schema.js';
import type { EvalSuite } from '../../src/evaluation/suite-schema.js';
import { collectObservations } from '../../src/pipeline/collect-observations.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { loadReportInput } from '../../src/pipeline/load-report-input.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { readJsonl } from '../../src/results/jsonl.js';
import { studySchema } from '../../src/study/schema.js';
import { evalSuiteExists } from '../../src/study/rules/eval-suite-exists.js';
import type { RuleContext } from '../../src/study/rules/rule.js';
import { fakeStudy } from './helpers/eval-fixture.js';

const harness = fileURLToPath(new URL('../fixtures/eval/byo-harness.mjs', import.meta.url));
const harnessArgv = [
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
];
const suiteOf = (ids: string[]): EvalSuite => ({
  file: '/s/suite.yaml',
  name: 's',
  sha256: 'x',
  generationSha256: 'y',
  prompts: ids.map((id) => ({ id, category: `cat-${id}`, messages: [{ role: 'user', content: id }], max_tokens: 8 })),
});
const rule = (suitePath: string | undefined, command: string[] | undefined) =>
  evalSuiteExists({ study: { suitePath, eval: { command } } } as unknown as RuleContext);

describe('eval.command without eval.suite', () => {
  it('the study file may leave out eval.suite when eval.command is set, and only then', async () => {
    const base = { name: 'x', model: 'm', data: 'd', seeds: [0] };
    expect(studySchema.safeParse({ ...base, eval: { command: ['run-my-eval'] } }).success).toBe(true);
    expect(await rule(undefined, ['run-my-eval'])).toBeUndefined();
    const problem = await rule(undefined, undefined);
    expect(problem).toMatchObject({ path: ['eval', 'suite'], message: 'eval.suite is missing' });
    expect(Array.isArray(problem)).toBe(false);
    expect((problem as { fix: string }).fix).toContain('eval.command');
    expect(await loadStudySuite({ suitePath: undefined, eval: { max_tokens: 8 } })).toMatchObject({ prompts: [] });
  });

  it('end to end: the command names its prompts; failure_class is optional; reason and output reach the drill-down', async () => {
    const fixture = await fakeStudy({ eval: { command: harnessArgv } });
    const study = { ...fixture.study, eval: { ...fixture.study.eval, suite: undefined }, suitePath: undefined };
    const result = await evaluateRun(study, fixture.spec, { python: 'unused' });
    expect(result.evaluated).toEqual([4, 0, 2]); // decision checkpoint first, then the base
    const dir = runLayout.checkpointEvalDir(fixture.spec.runDir, 4);
    const scores = await readJsonl(evalFiles.scores(dir));
    expect(scores).toEqual([
      expect.objectContaining({ prompt_id: 'q1', failure_class: 'pass', output: 'answer <b>q1</b>' }),
      expect.objectContaining({ prompt_id: 'q2', category: 'own', score: 0.5, failure_class: 'unclassified' }),
    ]);
    expect(scores[1]).not.toHaveProperty('output');
    const rows = await collectObservations(study.outputDir, [fixture.spec]);
    expect(rows).toHaveLength(6);
    const input = await loadReportInput({
      outputDir: study.outputDir,
      analysis: null,
      generatedAt: 'now',
      seedstudyVersion: 'test',
      study: { name: 'x', arms: ['base'], checkpointPolicy: 'final', passThreshold: 1 },
    });
    const shown = input.outputs!.map((o) => [o.promptId, o.step, o.reason, o.output]);
    expect(shown).toEqual([
      ['q1', 4, 'q1 solved at step 4', 'answer <b>q1</b>'],
      ['q2', 4, 'q2 half right', null],
    ]);
  });
});

describe('eval.command records', () => {
  it('with a suite: suite order and categories, failure_class defaults to pass (score 1) or unclassified', () => {
    const text = '{"id":"b","score":0,"reason":"no"}\n{"id":"a","score":1,"reason":"yes","failure_class":"ok"}\n';
    expect(parseCommandRecords('h', text, suiteOf(['a', 'b']))).toEqual([
      { prompt_id: 'a', category: 'cat-a', score: 1, reason: 'yes', failure_class: 'ok' },
      { prompt_id: 'b', category: 'cat-b', score: 0, reason: 'no', failure_class: 'unclassified' },
    ]);
  });

  it('a bad record is a UserError naming eval.command, the line and what is wrong', () => {
    const cases: [string, string][] = [
      ['{"id":"a","score":2,"reason":"x"}', 'wrote a bad record on line 1: score:'],
      ['{"id":"zz","score":1,"reason":"x"}', 'unknown prompt id "zz"'],
      ['not json', 'not valid JSON'],
      ['{"id":"a","score":1}', 'reason:'],
    ];
    for (const [line, what] of cases) {
      const error = (() => {
        try {
          parseCommandRecords('my-eval --x', line, suiteOf(['a']));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).keyPath).toBe('eval.command');
      expect((error as UserError).message).toMatch(/^eval\.command `my-eval --x` /);
      expect((error as UserError).message).toContain(what);
      expect((error as UserError).message).not.toContain('scorer');
    }
    const missing = (() => {
      try {
        parseCommandRecords('h', '{"id":"a","score":1,"reason":"x"}', suiteOf(['a', 'b']));
      } catch (e) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(missing?.message).toContain('wrote no record for 1 of 2 prompts (first: "b")');
    expect(missing?.keyPath).toBe('eval.command');
  });
});

describe('seedstudy schema --suite', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(suiteJsonSchema());

  it('accepts the Phase 43 suite and a bare list of prompts; rejects a typo, a missing id and no prompts', async () => {
    const text = await readFile(join('studies', 'phase43', 'suite.yaml'), 'utf8');
    const phase43 = parse(text) as { prompts: unknown[] };
    expect(phase43.prompts.length).toBeGreaterThan(10);
    expect(validate(phase43)).toBe(true);
    expect(validate({ name: 'n', prompts: [{ id: 'a', prompt: 'hi', expected_tool: 'f', max_tokens: 5 }] })).toBe(true);
    const list = [{ id: 'a', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function' }] }];
    expect(validate(list)).toBe(true);
    expect(validate({ prompts: [{ id: 'a', prompt: 'hi', expected_tol: 'f' }] })).toBe(false);
    expect(validate({ prompts: [{ prompt: 'hi' }] })).toBe(false);
    expect(validate({ prompts: [{ id: 'a b', prompt: 'hi' }] })).toBe(false);
    expect(validate({ prompts: [] })).toBe(false);
  });

  it('is what the CLI prints', async () => {
    const cli = [resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--', 'schema', '--suite'];
    const result = await execa(resolve('node_modules/.bin/vite-node'), cli, { reject: false, timeout: 60_000 });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(suiteJsonSchema());
  }, 60_000);
});
