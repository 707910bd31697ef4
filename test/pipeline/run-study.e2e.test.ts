import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStudy, type RunStudyEvent } from '../../src/pipeline/run-study.js';
import { studyStatus } from '../../src/pipeline/study-status.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import type { RunSpec } from '../../src/plan/run-spec.js';
import { runLayout, studyLayout } from '../../src/plan/run-layout.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeMiniRunStudy } from './train-fixture.js';
import type { AnalysisResult } from '../../src/statistics/analysis-result.js';

// The whole `seedstudy run` with stand-ins for every outside tool: the fake trainer (node, via
// engine.lora_command) replaces `python -m mlx_lm lora`, the fake eval worker (node, via
// SEEDSTUDY_EVAL_WORKER) replaces scripts/eval_worker.py, the interpreter handed to the stages
// is node itself (no venv, so the engine versions are recorded as unknown), and report.md's
// PNGs come from resvg, never a browser. No Python, Chromium or Slurm is needed.
const WORKER = [process.execPath, fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url))];
const PY = process.execPath;
const CLI = [resolve('node_modules/.bin/vite-node'), resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Steps evaluated per run: the base model (0) and the checkpoints saved at 10 and 20. */

beforeEach(() => {
  process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify(WORKER);
});
afterEach(() => {
  delete process.env.SEEDSTUDY_EVAL_WORKER;
  delete process.env.FAKE_WORKER_STARTS;
});

/**
 * 2 arms × 2 seeds, 20 iterations saving at 10 and 20, and three prompts of which the fake
 * worker (it always answers `execute_code("<id>()")`) gets p1 and p2 right and p3 wrong.
 */
async function writeRunStudy(): Promise<{ file: string; root: string; starts: string }> {
  const { file, root } = await writeMiniRunStudy();
  const starts = join(root, 'worker-starts.log');
  process.env.FAKE_WORKER_STARTS = starts;
  return { file, root, starts };
}

const lines = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

/** What a re-run must leave alone: each run's and checkpoint eval's record (bytes and mtime), its trainer calls. */
async function snapshot(runs: readonly RunSpec[]) {
  const files: Record<string, { mtimeMs: number; text: string }> = {};
  const add = async (path: string) => {
    files[path] = { mtimeMs: (await stat(path)).mtimeMs, text: await readFile(path, 'utf8') };
  };
  for (const r of runs) {
    await add(runLayout.runRecord(r.runDir));
    await add(join(r.runDir, 'fake-invocations.log'));
    for (const { dir } of await runEvaluations(r.runDir, r.runId)) await add(join(dir, 'manifest.json'));
  }
  return files;
}

describe('seedstudy run end to end (fake trainer and worker)', () => {
  it('train → eval → analyze → report, status before and after, then a resume that redoes nothing', async () => {
    const { file, root, starts } = await writeRunStudy();
    const study = await loadStudy(file);
    const runs = (await planStudy(study)).runs;
    expect(runs.map((r) => `${r.arm}/${r.seed}`)).toEqual(['a/1', 'b/1', 'a/2', 'b/2']);

    const before = await studyStatus(study);
    const none = { running: 0, failed: 0, interrupted: 0, stale: 0 };
    expect(before.counts).toEqual({ total: 4, succeeded: 0, notStarted: 4, evaluated: 0, ...none });
    expect([before.analyzed, before.lock]).toEqual([false, null]);

    const events: RunStudyEvent[] = [];
    const reportDir = join(root, 'report');
    const options = { studyFile: file, python: PY, to: 'report', cwd: root };
    const first = await runStudy({ ...options, onEvent: (e) => events.push(e) });
    expect([first.outcome, first.exitCode, first.failedRuns]).toEqual(['completed', 0, 0]);
    expect(first.interruptedIn).toBeUndefined();
    // The stage order, as the events tell it.
    const stages = events.map((e) => (e.type === 'stage' ? e.stage : undefined)).filter(Boolean);
    expect(stages).toEqual(['train', 'eval', 'analyze', 'report']);
    const planned = { type: 'planned', study: 'fake', arms: 2, seeds: 2, runs: 4, outputDir: study.outputDir };
    expect(events[0]).toEqual(planned);
    expect(events.filter((e) => e.type === 'train' && e.event.type === 'run-start')).toHaveLength(4);
    expect(events.map((e) => e.type).filter((t) => t !== 'train' && t !== 'eval-progress')).toEqual([
      'planned',
      'stage',
      'trained',
      'stage',
      'decided',
      'evaluated',
      'stage',
      'analyzed',
      'stage',
      'reported',
    ]);

    // Train: four runs, each trained once, two checkpoints each.
    expect(first.train).toMatchObject({ total: 4, trained: 4, skipped: 0, succeeded: 4, outcome: 'succeeded' });
    expect(first.train!.failed).toEqual([]);
    for (const r of runs) {
      const record = (await readRunRecord(r.runDir))!;
      expect(record).toMatchObject({ status: 'succeeded', attempts: 1, arm: r.arm, seed: r.seed, runId: r.runId });
      expect(record.checkpoints.map((c) => c.step)).toEqual([10, 20]);
      expect(await lines(join(r.runDir, 'fake-invocations.log'))).toHaveLength(1);
      expect((await readdir(runLayout.evalDir(r.runDir))).filter((d) => d.startsWith('step-')).sort()).toEqual([
        'step-0000010',
        'step-0000020',
      ]);
    }
    // The base model is evaluated once, in one place, for all four runs (same model, suite and loss data).
    const bases = await readdir(join(study.outputDir, 'base'));
    expect(bases).toHaveLength(1);
    for (const r of runs)
      expect((await runEvaluations(r.runDir, r.runId)).map((e) => [e.step, e.shared])).toEqual([
        [0, true],
        [10, false],
        [20, false],
      ]);
    // Evaluation overlaps training: a finished run's decision checkpoint is scored before the next run trains
    // (one model at a time: concurrency 1, eval_concurrency 0).
    const firstEval = events.findIndex((e) => e.type === 'eval-progress');
    const lastTrainEnd = events.findLastIndex((e) => e.type === 'train' && e.event.type === 'run-end');
    const secondStart = events.findIndex(
      (e) => e.type === 'train' && e.event.type === 'run-start' && e.event.run.arm === 'b' && e.event.run.seed === 1,
    );
    expect(firstEval).toBeGreaterThan(0);
    expect(firstEval).toBeLessThan(secondStart);
    expect(firstEval).toBeLessThan(lastTrainEnd);
    // Every run is scored at its decision checkpoint before any run's other checkpoints or the base.
    const scored = events.flatMap((e) =>
      e.type === 'eval-progress' && /mean score/.test(e.message) ? [e.message] : [],
    );
    expect(scored.map((m) => m.split(':')[0])).toEqual([
      ...['a/seed-1', 'b/seed-1', 'a/seed-2', 'b/seed-2'].map((r) => `${r} step 20`),
      'base model',
      'a/seed-1 step 10',
      ...['b/seed-1', 'a/seed-2', 'b/seed-2'].map((r) => `${r} step 10`),
    ]);
    // Eval: every run's decision checkpoint (final: 20) first, then the base (by the first run) and the rest.
    expect(first.eval!.runs.map((r) => [r.arm, r.seed, r.evaluated, r.skipped])).toEqual([
      ['a', 1, [20, 0, 10], []],
      ['b', 1, [20, 10], [0]],
      ['a', 2, [20, 10], [0]],
      ['b', 2, [20, 10], [0]],
    ]);
    expect(first.eval!.observations).toBe(4 * 3 * 3);
    // Two worker sessions per run: its decision checkpoint, then the rest.
    expect(await lines(starts)).toHaveLength(8);
    expect(await lines(studyLayout.observations(study.outputDir))).toHaveLength(36);

    // Analyze: summary.json on disk is the result, over both arms with two seeds each at 2/3.
    const summary = JSON.parse(await readFile(studyLayout.summary(study.outputDir), 'utf8')) as AnalysisResult;
    expect(first.analysis!.written).toBe(studyLayout.summary(study.outputDir));
    expect(summary).toEqual(JSON.parse(JSON.stringify(first.analysis!.result)));
    expect(summary.data.arms).toEqual(['a', 'b']);
    expect(summary.arms.map((a) => [a.arm, a.n_seeds])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    for (const a of summary.arms) expect(a.mean).toBeCloseTo(2 / 3, 12);
    // The headline computed from the decision checkpoints alone, before the rest were evaluated, is the final one.
    const decided = events.find((e) => e.type === 'decided');
    expect(decided?.type === 'decided' && decided.result.headline).toEqual(summary.headline);
    expect(decided?.type === 'decided' && decided.result.arms.map((a) => [a.arm, a.n_seeds, a.mean])).toEqual(
      summary.arms.map((a) => [a.arm, a.n_seeds, a.mean]),
    );
    const pairs = summary.comparisons.map((c) => [c.a, c.b, c.n_a, c.n_b]);
    expect(pairs).toEqual([['a', 'b', 2, 2]]);

    // Report: every file, under `to` resolved against cwd; PNGs rasterised without a browser.
    expect(first.report!.reportDir).toBe(reportDir);
    const csv = ['runs.csv', 'checkpoints.csv', 'scores.csv', 'summary.csv'];
    for (const f of ['index.html', 'report.md', 'summary.json', ...csv]) {
      expect(first.report!.files).toContain(f);
      expect((await stat(join(reportDir, f))).size).toBeGreaterThan(0);
    }
    const pngs = first.report!.files.filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    expect(pngs).toEqual(first.report!.files.filter((f) => f.endsWith('.svg')).map((f) => f.replace(/\.svg$/, '.png')));
    for (const p of pngs) expect([...(await readFile(join(reportDir, p))).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const markdown = await readFile(join(reportDir, 'report.md'), 'utf8');
    for (const p of pngs) expect(markdown).toContain(p);
    expect(JSON.parse(await readFile(join(reportDir, 'summary.json'), 'utf8'))).toEqual(summary);
    const runsCsv = await lines(join(reportDir, 'runs.csv'));
    expect(runsCsv).toHaveLength(1 + 4);

    const after = await studyStatus(study);
    expect(after.counts).toEqual({ total: 4, succeeded: 4, notStarted: 0, evaluated: 4, ...none });
    expect([after.analyzed, after.lock]).toEqual([true, null]);
    expect(after.runs.map((r) => [r.arm, r.seed, r.train, r.attempts, r.evalDone, r.evalPlanned])).toEqual([
      ['a', 1, 'succeeded', 1, 3, 3],
      ['b', 1, 'succeeded', 1, 3, 3],
      ['a', 2, 'succeeded', 1, 3, 3],
      ['b', 2, 'succeeded', 1, 3, 3],
    ]);

    // Resume: nothing retrained, nothing re-evaluated, no worker started, the same analysis.
    const kept = await snapshot(runs);
    const second = await runStudy(options);
    expect([second.outcome, second.exitCode]).toEqual(['completed', 0]);
    expect(second.train).toMatchObject({ total: 4, trained: 0, skipped: 4, succeeded: 4 });
    const evaluated = second.eval!.runs.map((r) => [r.evaluated, r.skipped, r.modelLoads]);
    expect(evaluated).toEqual(runs.map(() => [[], [20, 0, 10], 0]));
    expect(await lines(starts)).toHaveLength(8);
    expect(await snapshot(runs)).toEqual(kept);
    // observations.jsonl is collected again from the records (rewritten), to the same rows.
    expect(await lines(studyLayout.observations(study.outputDir))).toHaveLength(36);
    expect(JSON.parse(await readFile(studyLayout.summary(study.outputDir), 'utf8'))).toEqual(summary);
    expect(second.report!.files).toEqual(first.report!.files);
    expect((await studyStatus(study)).counts).toEqual(after.counts);
  }, 120_000);

  it('an interrupted run stops after training, says where, and evaluates nothing', async () => {
    const { file, root, starts } = await writeRunStudy();
    const controller = new AbortController();
    controller.abort();
    const result = await runStudy({ studyFile: file, python: PY, to: 'report', cwd: root, signal: controller.signal });
    expect([result.outcome, result.interruptedIn, result.exitCode]).toEqual(['interrupted', 'train', 130]);
    expect([result.eval, result.analysis, result.report]).toEqual([undefined, undefined, undefined]);
    expect(await lines(starts)).toEqual([]);
    const study = await loadStudy(file);
    expect((await studyStatus(study)).counts.evaluated).toBe(0);
  }, 60_000);

  it('through the CLI (from source): the stage lines and counts `seedstudy run` prints', async () => {
    const { file, root } = await writeRunStudy();
    const env = { SEEDSTUDY_EVAL_WORKER: JSON.stringify(WORKER), SEEDSTUDY_PYTHON: PY, FORCE_COLOR: '0' };
    const args = [...CLI.slice(1), 'run', file, '--to', 'report'];
    const first = await execa(CLI[0]!, args, { cwd: root, env, reject: false, timeout: 120_000 });
    expect(first.exitCode, first.stderr).toBe(0);
    const out = first.stdout.split('\n');
    const at = (pattern: RegExp) => out.findIndex((l) => pattern.test(l));
    const order = [
      /^study fake: 2 arm\(s\) × 2 seed\(s\) = 4 runs → out$/,
      /^\[1\/5\] train \(each run.s decision checkpoint is evaluated as soon as it has trained\)$/,
      /^training 4 of 4 runs \(0 already succeeded\), 1 at a time$/,
      /^ {2}evaluating a\/seed-1 \(decision checkpoint\)$/,
      /^▶ b\/seed-1 started/,
      /^ {2}4\/4 runs trained \(0 from earlier\) in \d+s$/,
      /^\[2\/5\] evaluate the other checkpoints and score$/,
      /^ {2}every run is scored at its decision checkpoint; the headline \(the other checkpoints follow\):$/,
      /^ {2}evaluating a\/seed-1$/,
      /^ {2}9 checkpoint\(s\) evaluated, 3 already up to date; 36 scored prompts$/,
      /^\[3\/5\] analyze$/,
      /^ {2}→ out\/summary\.json$/,
      /^\[4\/5\] report$/,
      /^\[5\/5\] done in \d+s$/,
    ].map(at);
    expect(
      order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)),
      first.stdout,
    ).toBe(true);
    expect(out.at(-1)).toBe(`report: ${join(root, 'report', 'index.html')}`);
    expect(out.filter((l) => l === '')).toHaveLength(5);
  }, 120_000);
});
