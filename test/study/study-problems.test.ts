import { beforeAll, describe, expect, it } from 'vitest';
import { combineUserErrors, UserErrorList } from '../../src/errors/user-error-list.js';
import { isUserError, UserError } from '../../src/errors/user-error.js';
import { validateStudy } from '../../src/pipeline/validate-study.js';
import { loadStudy } from '../../src/study/load-study.js';
import { modelAndDataRules, studyRules } from '../../src/study/rules/index.js';
import { makeWorkspace, placeFixture } from './workspace.js';

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  for (const f of [
    'missing-model-and-data.yaml',
    'missing-model-data-and-suite.yaml',
    'missing-model-bad-suite.yaml',
    'bad-suite.yaml',
  ])
    await placeFixture(ws, `several/${f}`);
  await placeFixture(ws, 'invalid/missing-model-dir.yaml');
});

/** The rejection of `promise`, with the workspace path replaced by `<ws>`. */
async function failure(promise: Promise<unknown>): Promise<{ error: UserError; text: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  return { error, text: error.format().replaceAll(ws, '<ws>') };
}

const modelFix =
  'point `model:` (relative to the study file) at a local mlx model directory with config.json and *.safetensors; seedstudy never downloads models';
const dataFix =
  'point `data:` (relative to the study file) at a directory with train.jsonl, valid.jsonl and test.jsonl';
const suiteFix = 'point `eval.suite` (relative to the study file) at a JSONL or YAML eval suite';

describe('loadStudy reports every rule violation', () => {
  it('names both a missing model directory and a missing data directory in one error', async () => {
    const { error, text } = await failure(loadStudy(`${ws}/missing-model-and-data.yaml`, { cwd: ws }));
    expect(error).toBeInstanceOf(UserErrorList);
    expect(error.exitCode).toBe(2);
    expect((error as UserErrorList).problems.map((p) => p.keyPath)).toEqual(['model', 'data']);
    expect(text).toBe(
      [
        '2 problems:',
        '1. <ws>/missing-model-and-data.yaml:2: model: model directory not found: <ws>/models/qwen',
        `     fix: ${modelFix}`,
        '2. <ws>/missing-model-and-data.yaml:3: data: data directory not found: <ws>/datasets/none',
        `     fix: ${dataFix}`,
      ].join('\n'),
    );
    expect(error.message).toContain(`${ws}/models/qwen`);
    expect(error.message).toContain(`${ws}/datasets/none`);
  });

  it('keeps the plain single-problem error when only one rule fails', async () => {
    const { error, text } = await failure(loadStudy(`${ws}/missing-model-dir.yaml`, { cwd: ws }));
    expect(error).not.toBeInstanceOf(UserErrorList);
    expect(text).toBe(
      `<ws>/missing-model-dir.yaml:2: model: model directory not found: <ws>/models/qwen\n  fix: ${modelFix}`,
    );
  });

  it('lists the model, data and eval suite problems in rule order', async () => {
    const { error } = await failure(loadStudy(`${ws}/missing-model-data-and-suite.yaml`, { cwd: ws }));
    expect((error as UserErrorList).problems.map((p) => p.keyPath)).toEqual(['model', 'data', 'eval.suite']);
  });
});

describe('loadStudy with requireModelAndData: false', () => {
  it('loads a study whose model and data directories do not exist', async () => {
    const study = await loadStudy(`${ws}/missing-model-and-data.yaml`, { cwd: ws, requireModelAndData: false });
    expect(study.model).toBe(`${ws}/models/qwen`);
    expect(study.data).toBe(`${ws}/datasets/none`);
  });

  it('still fails on a missing eval suite, with exactly that one problem', async () => {
    const { error, text } = await failure(
      loadStudy(`${ws}/missing-model-data-and-suite.yaml`, { cwd: ws, requireModelAndData: false }),
    );
    expect(error).not.toBeInstanceOf(UserErrorList);
    expect(text).toBe(
      `<ws>/missing-model-data-and-suite.yaml:8: eval.suite: eval suite not found: <ws>/prompts.yaml\n  fix: ${suiteFix}`,
    );
  });

  it('skips exactly the rules that read the model and data directories or look for programs', () => {
    const names = [...modelAndDataRules].map((rule) => rule.name);
    // prefixCacheSupported reads the model's config.json and the installed mlx-lm version.
    expect(names).toEqual([
      'modelLayers',
      'dataSplitsPresent',
      'dataLinesJson',
      'programsExist',
      'prefixCacheSupported',
    ]);
    expect(studyRules.filter((rule) => modelAndDataRules.has(rule))).toHaveLength(5);
  });
});

describe('validateStudy', () => {
  it('reports a bad eval suite together with a missing model', async () => {
    const { error, text } = await failure(validateStudy(`${ws}/missing-model-bad-suite.yaml`, { cwd: ws }));
    expect(error).toBeInstanceOf(UserErrorList);
    expect(text).toBe(
      [
        '2 problems:',
        '1. <ws>/missing-model-bad-suite.yaml:2: model: model directory not found: <ws>/models/qwen',
        `     fix: ${modelFix}`,
        '2. <ws>/bad-suite.yaml: prompts[1].id: duplicate prompt id "p1" (prompts[0] and prompts[1])',
        '     fix: give every prompt a unique id; scores are keyed by it',
      ].join('\n'),
    );
  });

  it('does not read a missing suite twice: the study rule reports it once', async () => {
    const { error } = await failure(validateStudy(`${ws}/missing-model-data-and-suite.yaml`, { cwd: ws }));
    expect((error as UserErrorList).problems.map((p) => p.keyPath)).toEqual(['model', 'data', 'eval.suite']);
  });
});

describe('combineUserErrors', () => {
  it('returns nothing for none, the error itself for one, and a flat list for several', () => {
    const a = new UserError('a', { file: 'f', line: 1, fix: 'x' });
    const b = new UserError('b');
    const c = new UserError('c', { fix: 'y' });
    expect(combineUserErrors([])).toBeUndefined();
    expect(combineUserErrors([a])).toBe(a);
    const list = combineUserErrors([a, combineUserErrors([b, c])!]);
    expect(list).toBeInstanceOf(UserErrorList);
    expect((list as UserErrorList).problems).toEqual([a, b, c]);
    expect(list!.format()).toBe('3 problems:\n1. f:1: a\n     fix: x\n2. b\n3. c\n     fix: y');
  });
});
