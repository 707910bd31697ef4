import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsWriteError } from '../../src/errors/fs-write-error.js';
import { UserError } from '../../src/errors/user-error.js';
import { runWorker } from '../../src/evaluation/run-worker.js';
import { removeStaleEvalTempDirs } from '../../src/evaluation/temp-dirs.js';
import { runTrainerProcess } from '../../src/launch/trainer-process.js';
import { parseYamlSource } from '../../src/study/yaml-source.js';
import { tempDir } from '../evaluation/helpers/temp-dir.js';
import { tmpfsMount } from '../helpers/mount-tool.js';
import { requireTool } from '../helpers/require-tool.js';
import { FAKE_WORKER, fakeWorkerJob } from '../evaluation/helpers/fake-worker-job.js';

// The unit-level half of the no-crash guarantee: each place that used to let a rejection or a
// stream 'error' escape now catches it where it happens (the CLI-level half with real faults is
// fault-injection.faults.test.ts). Every test also fails on any unhandled rejection seen meanwhile.

const fake = FAKE_WORKER;
const job = fakeWorkerJob(null);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  for (const k of ['SEEDSTUDY_EVAL_WORKER', 'HANG_PROMPT', 'FAKE_WORKER_STARTS']) delete process.env[k];
});

describe('the eval worker session', () => {
  it('a failing checkpoint write rejects the session at once, stops the worker, leaves no temp dir', async () => {
    const dir = await tempDir('rejection-');
    process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
    // Step 0 hangs at p2: the watchdog retries p2 alone (it hangs again: an error record), then resumes
    // step 0, which completes; step 100 would then hang at p2 again.
    process.env.HANG_PROMPT = 'p2';
    process.env.FAKE_WORKER_STARTS = join(dir, 'starts');
    const before = new Set(await readdir(tmpdir()));
    const failure = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const calls: number[] = [];
    const error = await runWorker(job, {
      python: 'unused',
      watchdogS: 20,
      promptMarginS: 0.5,
      graceS: 1,
      logFile: join(dir, 'worker.log'),
      onCheckpoint: (o) => {
        calls.push(o.step);
        return Promise.reject(failure);
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(calls).toEqual([0]);
    // Three starts: the first, p2 alone, the resume that completes step 0. Without the fix the worker went
    // on to step 100 (and its hang) before the rejection surfaced.
    expect((await readFile(join(dir, 'starts'), 'utf8')).trim().split('\n')).toHaveLength(3);
    const mine = `seedstudy-eval-${process.pid}-`;
    const left = (await readdir(tmpdir())).filter((n) => n.startsWith(mine) && !before.has(n));
    expect(left).toEqual([]);
  }, 30_000);
});

describe('scratch directories of killed evals', () => {
  it('are removed at the start of eval when their owner is dead, kept while it lives', async () => {
    const root = await tempDir('stale-');
    let dead = 4_000_000;
    while (
      (() => {
        try {
          process.kill(dead, 0);
          return true;
        } catch {
          return false;
        }
      })()
    )
      dead++;
    const names = [
      `seedstudy-eval-${dead}-abc123`,
      `seedstudy-fuse-${dead}-zzz999`,
      `seedstudy-eval-${process.pid}-def456`,
      'seedstudy-eval-ghi789',
      'other-dir',
    ];
    for (const n of names) await mkdir(join(root, n, 'inner'), { recursive: true });
    const removed = await removeStaleEvalTempDirs(root);
    expect(removed.map((p) => p.slice(root.length + 1)).sort()).toEqual([names[0], names[1]].sort());
    // A legacy name without a pid is kept until it is a day old (it may belong to a running eval).
    expect((await readdir(root)).sort()).toEqual([names[2], names[3], names[4]].sort());
  });
});

describe('errno errors from writes', () => {
  it('become UserErrors (exit 2) naming the path and the cause; others pass through', () => {
    const err = (code: string) => Object.assign(new Error(code), { code, path: '/own/path' });
    const cases: [string, string][] = [
      ['ENOSPC', 'no space left on device writing /out/x.json'],
      ['EDQUOT', 'no space left on device writing /out/x.json'],
      ['EROFS', 'cannot write /out/x.json (read-only or permission denied)'],
      ['EACCES', 'cannot write /out/x.json (read-only or permission denied)'],
      ['EPERM', 'cannot write /out/x.json (read-only or permission denied)'],
    ];
    for (const [code, message] of cases) {
      const mapped = fsWriteError(err(code), '/out/x.json') as UserError;
      expect([mapped instanceof UserError, mapped.message, mapped.exitCode]).toEqual([true, message, 2]);
    }
    expect((fsWriteError(err('ENOSPC')) as UserError).message).toBe('no space left on device writing /own/path');
    const other = err('EIO');
    expect(fsWriteError(other, '/out/x.json')).toBe(other);
  });
});

describe('alias bombs', () => {
  it('are a UserError naming the file, not a ReferenceError with a stack', () => {
    const lines = ['x0: &x0 [a, a, a, a, a, a, a, a, a]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `x${i}: &x${i} [${Array(9)
          .fill(`*x${i - 1}`)
          .join(', ')}]`,
      );
    let thrown: unknown;
    try {
      parseYamlSource('/s/study.yaml', lines.join('\n'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).format()).toMatch(/^\/s\/study\.yaml: invalid YAML: Excessive alias count/);
    // A few ordinary aliases still work.
    expect(parseYamlSource('/s/ok.yaml', 'a: &a [1, 2]\nb: *a\n').data).toEqual({ a: [1, 2], b: [1, 2] });
  });
});

/** Whether a tmpfs can be mounted here (root); see fault-injection.test.ts for the CI rule. */
const mountable = requireTool(tmpfsMount); // a failure under CI=true, where tests run as root

describe.skipIf(!mountable)('a trainer whose log cannot be written (full disk)', () => {
  it('is stopped, not orphaned, and the error is returned for the caller to record', async () => {
    const dir = await tempDir('trainer-log-');
    await mkdir(join(dir, 'disk'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', join(dir, 'disk')]);
    try {
      await writeFile(join(dir, 'disk', 'filler'), Buffer.alloc(1 << 20)).catch(() => undefined);
      const t0 = Date.now();
      const result = await runTrainerProcess({
        argv: [process.execPath, '-e', 'setInterval(() => console.log("iter"), 20)'],
        cwd: dir,
        env: {},
        logPath: join(dir, 'disk', 'train.log'),
        stallTimeoutS: 30,
        graceS: 1,
      });
      expect((result.logError as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect(result.signal).toBe('SIGTERM');
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(() => process.kill(result.pid!, 0)).toThrow();
    } finally {
      execFileSync('umount', ['-l', join(dir, 'disk')]);
    }
  }, 30_000);
});
