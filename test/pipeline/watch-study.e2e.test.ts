import { access, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { studyLayout } from '../../src/plan/run-layout.js';
import { studyStatus, type StudyStatus } from '../../src/pipeline/study-status.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeMiniRunStudy } from './train-fixture.js';

// A study watched and read while `seedstudy run` works on it: the fake trainer stops at iteration 15
// of seed 2's first run until a file appears, and the third eval worker waits the same way, so
// `status` and `report` are caught at known points, deterministically and without sleeping. With one
// model at a time (the default budget) the run interleaves: train a/1, score its decision checkpoint,
// train b/1, score it, train a/2, ...
const WORKER = [process.execPath, fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url))];
const CLI = [resolve('node_modules/.bin/vite-node'), resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--'];

const exists = (f: string) =>
  access(f).then(
    () => true,
    () => false,
  );
async function until(what: string, test: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
/** The last train and val loss the trainer printed in a log (ANSI stripped), read independently of seedstudy. */
function lastLogged(log: string): { iteration: number; train: number; val: number } {
  // eslint-disable-next-line no-control-regex
  const lines = log.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const train = lines
    .map((l) => /^\s*(\d+)\s+([\d.]+) ▼/.exec(l))
    .filter((m) => m !== null)
    .at(-1)!;
  const val = lines
    .map((l) => /^\s*\d+\s+val ([\d.]+)/.exec(l))
    .filter((m) => m !== null)
    .at(-1)!;
  return { iteration: Number(train[1]), train: Number(train[2]), val: Number(val[1]) };
}

describe('a study you can watch and read while it runs (fake trainer and worker)', () => {
  it('status --json mid-training and mid-evaluation, a partial report and analyze while run holds the lock', async () => {
    const { file, root } = await writeMiniRunStudy();
    let transcript: string | undefined;
    const doc = parse(await readFile(file, 'utf8')) as { executor: Record<string, unknown> };
    doc.executor['stall_timeout_s'] = 120; // the trainer is silent while it waits
    await writeFile(file, stringify(doc));
    const trainGate = join(root, 'train-go');
    const evalGate = join(root, 'eval-go');
    const env = {
      SEEDSTUDY_EVAL_WORKER: JSON.stringify(WORKER),
      SEEDSTUDY_PYTHON: process.execPath,
      FORCE_COLOR: '0',
      FAKE_TRAINER_STEP_MS: '20',
      FAKE_TRAINER_WAIT: trainGate,
      FAKE_TRAINER_WAIT_AT: '2:15',
      FAKE_WORKER_STARTS: join(root, 'worker-starts.log'),
      FAKE_WORKER_WAIT: evalGate,
      FAKE_WORKER_WAIT_AFTER: '2',
    };
    const cli = (...args: string[]) =>
      execa(CLI[0]!, [...CLI.slice(1), ...args], { cwd: root, env, reject: false, timeout: 60_000 });
    const status = async () => {
      const r = await cli('status', file, '--json');
      expect(r.exitCode, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as StudyStatus;
    };
    // The same data in process (no CLI start-up) for the later snapshots; the first one is the CLI's JSON.
    // (the runIds depend on the interpreter's engine versions, so it must be the CLI's)
    const inProcess = async () => {
      const saved = process.env['SEEDSTUDY_PYTHON'];
      process.env['SEEDSTUDY_PYTHON'] = env.SEEDSTUDY_PYTHON;
      try {
        return await studyStatus(await loadStudy(file));
      } finally {
        if (saved === undefined) delete process.env['SEEDSTUDY_PYTHON'];
        else process.env['SEEDSTUDY_PYTHON'] = saved;
      }
    };
    const run = cli('run', file, '--to', 'report', '--report-every', '1s');
    try {
      // 1. Seed 2's first run (a/2) stopped at iteration 15; a/1 and b/1 trained and scored at their decision
      // checkpoints already (evaluation overlaps training); b/2 not started.
      await until('the trainer to stop at iteration 15', () => exists(`${trainGate}.waiting`));
      const s1 = await status();
      const a2 = s1.runs.find((r) => r.arm === 'a' && r.seed === 2)!;
      const logged = lastLogged(await readFile(join(root, 'out', 'runs', 'a', 'seed-2', 'train.log'), 'utf8'));
      expect(logged.iteration).toBe(15);
      expect([a2.train, a2.live.stage, a2.lastIteration, a2.iters]).toEqual(['running', 'training', 15, 20]);
      expect([a2.live.trainLoss, a2.live.valLoss, a2.live.checkpointsSaved]).toEqual([logged.train, logged.val, 1]);
      expect(a2.evalPlanned).toBe(3); // base model + checkpoints 10 and 20, predicted before they exist
      for (const r of s1.runs) if (r.lastIteration !== null) expect(r.lastIteration).toBeLessThanOrEqual(r.iters!);
      expect(s1.progress.stages).toMatchObject({ training: 1, pending: 1 });
      expect(s1.progress.evaluations.total).toBe(9); // 4 runs × 2 checkpoints + the base model once
      // Evaluation started before the last run finished training: both seed-1 decision checkpoints are in.
      expect(s1.progress.evaluations.done).toBe(2);
      for (const r of s1.runs.filter((r) => r.seed === 1)) expect(r.evalDone).toBe(1);
      expect(s1.lock?.command).toBeDefined();
      const eta1 = s1.progress.eta;
      expect(eta1.seconds).toBeGreaterThan(0); // b/2's 20 iterations at least
      expect(eta1.itersPerSecond).toBeGreaterThan(0);
      const s2 = await inProcess();
      expect(s2.runs.find((r) => r.arm === 'a' && r.seed === 2)!.lastIteration).toBe(15);
      expect(s2.progress.eta.seconds).toBeGreaterThanOrEqual(0);
      expect(s2.progress.eta.seconds!).toBeLessThanOrEqual(eta1.seconds!); // time passes, nothing is added
      await writeFile(trainGate, '');

      // 2. The third eval worker (a/2's decision checkpoint) waits: a/1 and b/1 are scored at theirs.
      await until('the third eval worker to wait', () => exists(`${evalGate}.waiting`));
      const lockFile = studyLayout.lock(join(root, 'out'));
      const lockBefore = await readFile(lockFile, 'utf8');
      const s3 = await inProcess();
      expect(s3.progress.evaluations.done).toBeGreaterThanOrEqual(2);
      expect(s3.progress.eta.seconds).toBeGreaterThanOrEqual(0);
      expect(s3.progress.eta.evalSecondsPerCheckpoint).not.toBeNull();
      const report = await cli('report', file, '--to', 'partial', '--no-png');
      expect(report.exitCode, report.stderr).toBe(0);
      expect(report.stdout).toContain('Partial: 2 of 4 runs scored; intervals use 1 seed per arm.');
      for (const f of ['index.html', 'report.md'])
        expect(await readFile(join(root, 'partial', f), 'utf8')).toContain('2 of 4 runs scored');
      const analyze = await cli('analyze', file);
      expect(analyze.exitCode, analyze.stderr).toBe(0);
      expect(analyze.stdout).toMatch(/^Partial: 2 of 4 runs scored/);
      // The run's own periodic report (--report-every) catches up with the partial study too.
      await until('a periodic partial report', async () =>
        (await readFile(join(root, 'report', 'index.html'), 'utf8').catch(() => '')).includes('2 of 4 runs scored'),
      );
      // Neither took the lock nor wrote the run's observations.
      expect(await readFile(lockFile, 'utf8')).toBe(lockBefore);
      expect(await exists(studyLayout.observations(join(root, 'out')))).toBe(false);
      await writeFile(evalGate, '');

      const done = await run;
      expect(done.exitCode, done.stderr).toBe(0);
      transcript = done.stdout;
    } finally {
      await writeFile(trainGate, '');
      await writeFile(evalGate, '');
      run.kill();
    }
    // 3. Done: nothing left, ETA zero; --watch returns at once when the study is finished.
    const s4 = await inProcess();
    expect([s4.progress.stages.done, s4.progress.evaluations.done, s4.progress.eta.seconds]).toEqual([4, 9, 0]);
    const watched = await cli('status', file, '--watch', '--interval', '0.2');
    expect(watched.exitCode, watched.stderr).toBe(0);
    expect(watched.stdout).toContain(
      'checkpoint evaluations 9/9 (100%) · nothing left to train or evaluate · 4 runs: 4 done',
    );
    expect(await readFile(join(root, 'report', 'report.md'), 'utf8')).not.toContain('runs scored');
    // The run's plain display: the whole-study line with its bar, and the periodic reports' results.
    expect(transcript ?? '').toMatch(/^ {2}\[[#.]{20}\] checkpoint evaluations \d+\/9 \(\d+%\) · .* · 4 runs: /m);
    // The periodic report follows the runs as their decision checkpoints are scored, one by one.
    for (const n of [1, 2, 3])
      expect(transcript ?? '').toMatch(
        new RegExp(`^ {2}report updated \\(${n} of 4 runs scored\\): report/index\\.html$`, 'm'),
      );
    // Before the first run is scored the report cannot be written; that is said once at most, not at every tick.
    const failures = (transcript ?? '').split('\n').filter((l) => l.includes('report not updated'));
    expect(failures.length).toBeLessThanOrEqual(1);
    for (const f of failures) expect(f).toMatch(/^ {2}report not updated \(the study goes on\): there are no scored/);
    if (process.env['SEEDSTUDY_SHOW_TRANSCRIPT']) console.log(transcript);
  }, 120_000);
});
