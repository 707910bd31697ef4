import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeFakeStudy } from './train-fixture.js';
import { ensureBuiltCli, SEEDSTUDY } from '../helpers/built-cli.js';

/** The compiled CLI (test/helpers/built-cli.ts), as a user runs it. */
const CLI = SEEDSTUDY;
beforeAll(ensureBuiltCli, 600_000);

function cli(args: string[], env: Record<string, string> = {}) {
  return execa(CLI[0], [...CLI.slice(1), ...args], {
    reject: false,
    env: { ...env, FORCE_COLOR: '0' },
    timeout: 120_000,
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('timed out waiting');
}

describe('seedstudy train CLI', () => {
  it('SIGKILL mid-sweep, then re-run: no succeeded run retrained, nothing lost, nothing left running', async () => {
    const file = await writeFakeStudy({ seeds: [1, 2, 3] });
    const study = await loadStudy(file);
    const [r1, r2, r3] = (await planStudy(study)).runs;
    const env = { FAKE_TRAINER_STEP_MS: '40' };
    const first = cli(['train', file], env);
    await waitFor(async () => (await readRunRecord(r2!.runDir).catch(() => undefined))?.status === 'running', 60_000);
    const done1 = (await readRunRecord(r1!.runDir))!;
    expect(done1.status).toBe('succeeded');
    const mtime1 = (await stat(runLayout.runRecord(r1!.runDir))).mtimeMs;
    first.kill('SIGKILL');
    await first;

    const second = await cli(['train', file]);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/base\/seed-1 skipped/);
    expect(second.stdout).toMatch(/base\/seed-2 was left running by a dead seedstudy/);
    expect(await readRunRecord(r1!.runDir)).toEqual(done1);
    expect((await stat(runLayout.runRecord(r1!.runDir))).mtimeMs).toBe(mtime1);
    expect(await readFile(`${r1!.runDir}/fake-invocations.log`, 'utf8')).toMatch(/^\d+ seed=1\n$/);
    for (const r of [r1!, r2!, r3!]) expect((await readRunRecord(r.runDir))!.status).toBe('succeeded');
    expect((await readRunRecord(r2!.runDir))!.attempts).toBe(2);
  }, 120_000);

  it('exit code 1 and a summary listing each failure with its log path; 130 on SIGTERM', async () => {
    const file = await writeFakeStudy({ seeds: [1, 2] });
    const failed = await cli(['train', file], { FAKE_TRAINER_MODE: 'seed=1:exit137' });
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/✗ base\/seed-1: killed \(often out of memory\)\n\s+log: .*seed-1\/train\.log/);
    expect(failed.stdout).toMatch(/✓ base\/seed-2 succeeded/);

    const file2 = await writeFakeStudy({ seeds: [1, 2] });
    const study2 = await loadStudy(file2);
    const [s1] = (await planStudy(study2)).runs;
    const running = cli(['train', file2], { FAKE_TRAINER_STEP_MS: '200' });
    await waitFor(async () => (await readRunRecord(s1!.runDir).catch(() => undefined))?.trainerPid != null, 60_000);
    running.kill('SIGTERM');
    const stopped = await running;
    expect(stopped.exitCode).toBe(130);
    expect(await readRunRecord(s1!.runDir)).toMatchObject({ status: 'interrupted', cancelled: true });
  }, 120_000);
});
