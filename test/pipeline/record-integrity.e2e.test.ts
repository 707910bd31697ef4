import { createHash } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { evalFiles } from '../../src/evaluation/eval-manifest.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { runLayout, studyLayout } from '../../src/plan/run-layout.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeFakeStudy } from './train-fixture.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';

// Torn, corrupt and edited record files and a checkpoint swapped after its evaluation, driven
// through the CLI (in process: main() with console captured) over one study evaluated by the fake
// trainer and worker. Each case breaks something, checks what eval/score/report/status say and
// their exit codes, lets a command heal it, and compares the results with the clean run's.
const WORKER = [process.execPath, fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url))];

interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `seedstudy <args>` in this process; stdout (console.log and direct writes) and stderr captured. */
async function cli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  try {
    await main(args);
    return { code: Number(process.exitCode ?? 0), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    process.exitCode = undefined;
  }
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const text = (file: string) => readFile(file, 'utf8');
const lineCount = async (file: string) => (await text(file).catch(() => '')).split('\n').filter(Boolean).length;

let file: string;
let root: string;
let starts: string;
let runs: RunSpec[];
/** The clean run's results: observations.jsonl, summary.json and every record file, byte for byte. */
let clean: { observations: string; summary: string; records: Map<string, string> };
const savedEnv = { ...process.env };

/** Every checkpoint's generations.jsonl and scores.jsonl, by path. */
async function records(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of runs) {
    // Step 0 is the base model's one shared evaluation, which every run points at.
    const evaluations = await runEvaluations(r.runDir, r.runId);
    expect(evaluations.map((e) => [e.step, e.shared])).toEqual([
      [0, true],
      [10, false],
      [20, false],
    ]);
    for (const { dir } of evaluations)
      for (const f of [evalFiles.generations(dir), evalFiles.scores(dir)]) out.set(f, await text(f));
  }
  return out;
}

/** The final results equal the clean run's. */
async function expectCleanResults(): Promise<void> {
  const study = await loadStudy(file);
  expect(await text(studyLayout.observations(study.outputDir))).toBe(clean.observations);
  expect(await records()).toEqual(clean.records);
  const status = await cli('status', file);
  expect([status.code, status.err]).toEqual([0, '']);
  expect(status.out).toContain('4 runs: 4 trained (4 fully evaluated)');
}

const dirOf = (arm: string, seed: number, step: number) =>
  runLayout.checkpointEvalDir(runs.find((r) => r.arm === arm && r.seed === seed)!.runDir, step);

beforeAll(async () => {
  Object.assign(process.env, { SEEDSTUDY_EVAL_WORKER: JSON.stringify(WORKER), SEEDSTUDY_PYTHON: process.execPath });
  file = await writeFakeStudy({ arms: [{ name: 'a' }, { name: 'b', train: { learning_rate: 0.001 } }], seeds: [1, 2] });
  root = dirname(file);
  const prompts = [
    ['p1', 'p1'],
    ['p2', 'p2'],
    ['p3', 'other'],
  ];
  const suite = prompts.map(([id, tool]) => `  - {id: ${id}, category: c, prompt: "do ${id}", expected_tool: ${tool}}`);
  await writeFile(join(root, 'suite.yaml'), ['name: mini', 'prompts:', ...suite].join('\n') + '\n');
  const doc = parse(await text(file)) as Record<string, unknown>;
  doc['analysis'] = { resamples: 200 };
  await writeFile(file, stringify(doc));
  starts = join(root, 'worker-starts.log');
  process.env.FAKE_WORKER_STARTS = starts;
  const first = await cli('run', file, '--to', join(root, 'report'));
  expect(first.code, first.err).toBe(0);
  const study = await loadStudy(file);
  runs = (await planStudy(study)).runs;
  clean = {
    observations: await text(studyLayout.observations(study.outputDir)),
    summary: await text(studyLayout.summary(study.outputDir)),
    records: await records(),
  };
  expect(clean.observations.trim().split('\n')).toHaveLength(36);
}, 120_000);

afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});

describe('torn and corrupt record files are detected and healed', () => {
  it('a torn last line of scores.jsonl: status and report say so, eval re-scores it', async () => {
    const scores = evalFiles.scores(dirOf('a', 1, 10));
    const bytes = await readFile(scores);
    await writeFile(scores, bytes.subarray(0, bytes.length - 20));

    const status = await cli('status', file);
    expect(status.code).toBe(0);
    const mismatch = `${scores} does not match its manifest`;
    expect(status.err).toContain(`WARNING: a/seed-1 step 10: ${mismatch}: line 3 is not valid JSON`);
    expect(status.err).toContain('run `seedstudy score` or `seedstudy eval` to re-score it');
    expect(status.out).toMatch(/a +seed +1 +waiting for evaluation .* 2\/3 evaluated/);

    const report = await cli('report', file, '--to', join(root, 'report'));
    expect(report.code).toBe(2);
    expect(report.err).toContain(`${scores} does not match its manifest: line 3 is not valid JSON (torn or corrupt)`);

    const startsBefore = await lineCount(starts);
    const evaluated = await cli('eval', file);
    expect(evaluated.code).toBe(0);
    expect(evaluated.err).toContain(`WARNING: a/seed-1 step 10: ${scores} does not match its manifest`);
    expect(evaluated.err).toContain('re-scoring it from generations.jsonl');
    expect(evaluated.out).toContain('evaluated 0 checkpoint(s) of 4 run(s); 12 already up to date (1 re-scored)');
    expect(await lineCount(starts)).toBe(startsBefore);
    await expectCleanResults();
  }, 60_000);

  it('a corrupt middle line of scores.jsonl: score says so and re-scores it', async () => {
    const scores = evalFiles.scores(dirOf('b', 2, 20));
    const lines = (await text(scores)).split('\n');
    lines[1] = '{"runId": broken';
    await writeFile(scores, lines.join('\n'));

    const scored = await cli('score', file);
    expect(scored.code).toBe(0);
    const mismatch = `${scores} does not match its manifest`;
    expect(scored.err).toContain(`WARNING: b/seed-2 step 20: ${mismatch}: line 2 is not valid JSON`);
    expect(scored.err).toContain('re-scoring it from generations.jsonl');
    await expectCleanResults();
  }, 60_000);

  it('a torn last line of generations.jsonl: score leaves it out, eval evaluates the checkpoint again', async () => {
    const generations = evalFiles.generations(dirOf('b', 1, 10));
    const bytes = await readFile(generations);
    await writeFile(generations, bytes.subarray(0, bytes.length - 30));

    const scored = await cli('score', file);
    expect(scored.code).toBe(0);
    const mismatch = `${generations} does not match its manifest`;
    expect(scored.err).toContain(`WARNING: b/seed-1 step 10: ${mismatch}: line 3 is not valid JSON`);
    expect(scored.err).toContain('run `seedstudy eval` to re-evaluate this checkpoint');
    expect(scored.out).toContain('33 observations');

    const startsBefore = await lineCount(starts);
    const evaluated = await cli('eval', file);
    expect(evaluated.code).toBe(0);
    expect(evaluated.err).toContain(`WARNING: b/seed-1 step 10: ${generations} does not match its manifest`);
    expect(evaluated.err).toContain('re-evaluating this checkpoint');
    const counts = 'evaluated 1 checkpoint(s) of 4 run(s); 11 already up to date (0 re-scored); 36 observations';
    expect(evaluated.out).toContain(counts);
    expect(await lineCount(starts)).toBe(startsBefore + 1);
    await expectCleanResults();
  }, 60_000);

  it('a corrupt middle line of generations.jsonl: `run` re-evaluates it; same analysis', async () => {
    const generations = evalFiles.generations(dirOf('a', 2, 20));
    const lines = (await text(generations)).split('\n');
    lines[1] = lines[1]!.slice(0, 40);
    await writeFile(generations, lines.join('\n'));

    const run = await cli('run', file, '--to', join(root, 'report'));
    expect(run.code).toBe(0);
    const mismatch = `${generations} does not match its manifest`;
    expect(run.err).toContain(`WARNING: a/seed-2 step 20: ${mismatch}: line 2 is not valid JSON`);
    expect(run.out).toContain('1 checkpoint(s) evaluated, 11 already up to date; 36 scored prompts');
    await expectCleanResults();
    expect(await text(studyLayout.summary((await loadStudy(file)).outputDir))).toBe(clean.summary);
  }, 60_000);

  it('a hand-edited generation that is still valid JSON is caught by its sha256', async () => {
    const generations = evalFiles.generations(dirOf('a', 1, 20));
    const edited = (await text(generations)).replace('execute_code(\\"p3()\\")', 'execute_code(\\"other()\\")');
    await writeFile(generations, edited);
    expect(await text(generations)).not.toBe(clean.records.get(generations));

    const status = await cli('status', file);
    expect(status.code).toBe(0);
    const sha = '[0-9a-f]{12}…';
    const warning = 'WARNING: a/seed-1 step 20: .*generations\\.jsonl does not match its manifest:';
    expect(status.err).toMatch(new RegExp(`${warning} sha256 ${sha} differs from the manifest's ${sha}`));
    const evaluated = await cli('eval', file);
    expect(evaluated.code).toBe(0);
    expect(evaluated.out).toContain('evaluated 1 checkpoint(s) of 4 run(s)');
    await expectCleanResults();
  }, 60_000);
});

describe('a checkpoint changed after its evaluation is noticed', () => {
  it('eval, score, report, status say so; `run` retrains it, says why; the report has its sha256', async () => {
    const a1 = runs.find((r) => r.arm === 'a' && r.seed === 1)!;
    const a2 = runs.find((r) => r.arm === 'a' && r.seed === 2)!;
    const target = (await readRunRecord(a1.runDir))!.checkpoints.find((c) => c.step === 10)!;
    const other = (await readRunRecord(a2.runDir))!.checkpoints.find((c) => c.step === 10)!;
    const before = await sha256(target.file);
    await copyFile(other.file, target.file);
    const swapped = await sha256(target.file);
    expect(swapped).not.toBe(before);
    const hashes = `sha256 ${before.slice(0, 12)}… → ${swapped.slice(0, 12)}…`;
    const change = `checkpoint ${target.file} changed since it was trained (${hashes})`;

    const status = await cli('status', file);
    expect(status.code).toBe(0);
    expect(status.err).toContain(`WARNING: a/seed-1 step 10: ${change}`);
    expect(status.out).toMatch(/a +seed +1 +waiting for evaluation .* 2\/3 evaluated/);
    for (const command of ['score', 'report']) {
      const r = await cli(command, file, ...(command === 'report' ? ['--to', join(root, 'report')] : []));
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.err).toContain(`a/seed-1 step 10: ${change}`);
      expect(r.err).toContain('run `seedstudy run` (it retrains changed runs and re-evaluates them)');
    }
    const evaluated = await cli('eval', file);
    expect(evaluated.code).toBe(2);
    const refused = `changed after discovery: sha256 ${swapped} differs from the recorded ${before}`;
    expect(evaluated.err).toContain(`checkpoint ${target.file} ${refused}`);

    const run = await cli('run', file, '--to', join(root, 'report'));
    expect(run.code, run.err).toBe(0);
    const why = `checkpoint 10 changed since it was trained (${hashes}, ${target.file})`;
    expect(run.out).toContain(`↻ a/seed-1 will be trained again from scratch: ${why}`);
    expect(run.out).toContain('4/4 runs trained (3 from earlier)');
    // The fake trainer is deterministic: retraining restored the very bytes that were evaluated, so
    // their evaluation (keyed by the checkpoint's sha256) stands; other bytes would be evaluated anew.
    expect(run.out).toContain('0 checkpoint(s) evaluated, 12 already up to date; 36 scored prompts');
    const trained = (await readRunRecord(a1.runDir))!.checkpoints.find((c) => c.step === 10)!;
    expect(trained.sha256).toBe(await sha256(trained.file));
    const csv = (await text(join(root, 'report', 'checkpoints.csv'))).split('\n');
    const row = csv.find((l) => l.startsWith('a,1,10,'))!;
    expect(row.endsWith(`,${await sha256(target.file)}`)).toBe(true);
    await expectCleanResults();
  }, 120_000);
});
