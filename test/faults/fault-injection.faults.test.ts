import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ensureFreshDist } from '../helpers/fresh-dist.js';
import { writeMiniRunStudy } from '../pipeline/train-fixture.js';
import { tmpfsMount } from '../helpers/mount-tool.js';
import { requireTool } from '../helpers/require-tool.js';

// Fault injection through the compiled CLI with the fake trainer and fake eval worker: a full disk
// (a small tmpfs filled to the last page) during train, eval and report, a read-only output
// directory (a read-only bind mount: chmod does not stop root) during eval, score and analyze, alias
// bombs, and a second study into the same output directory. Each fault must end in exit 2 with a
// message naming the path and the cause, no stack, no unhandled rejection, the lock released,
// no run left `running`; and once the fault is gone a re-run's results equal a clean run's.

const WORKER = [process.execPath, fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url))];
const BIN = resolve('bin/seedstudy.js');
const ENV = { SEEDSTUDY_EVAL_WORKER: JSON.stringify(WORKER), SEEDSTUDY_PYTHON: process.execPath, FORCE_COLOR: '0' };

/** Skipped with the reason where mounting is impossible, a failure under CI=true (test/helpers/require-tool.ts). */
const describeMount = requireTool(tmpfsMount) ? describe : describe.skip;

const mounted: string[] = [];
const sh = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

/** A 64k tmpfs at `dir`, filled to the last byte so the next write fails with ENOSPC. */
async function fullDisk(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  sh('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir);
  mounted.push(dir);
  try {
    await writeFile(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
}

/** `dir` bind-mounted onto itself read-only: what a read-only disk looks like, even to root. */
function readOnly(dir: string): void {
  sh('mount', '--bind', dir, dir);
  mounted.push(dir);
  sh('mount', '-o', 'remount,ro,bind', dir);
}

function unmount(dir: string): void {
  sh('umount', dir);
  mounted.splice(mounted.indexOf(dir), 1);
}

afterEach(() => {
  while (mounted.length) sh('umount', '-l', mounted.pop()!);
});

/** 2 arms × 2 seeds × 3 prompts, as in test/pipeline/run-study.e2e.test.ts. */
async function writeStudy(): Promise<{ file: string; root: string; out: string }> {
  const { file, root } = await writeMiniRunStudy();
  return { file, root, out: join(root, 'out') };
}

const cli = (cwd: string, ...args: string[]) =>
  execa(process.execPath, [BIN, ...args], { cwd, env: ENV, reject: false, timeout: 120_000 });

/** What every fault must end in: exit 2, one clear paragraph, no stack, no unhandled rejection, no lock. */
async function expectCleanFailure(r: { exitCode?: number; stderr: string }, out: string, message: RegExp) {
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|UnhandledPromiseRejection|Unhandled|\n\s+at /);
  expect(await readdir(out).catch(() => [])).not.toContain('seedstudy.lock');
  for (const run of await runRecords(out)) expect(run.status).not.toBe('running');
}

async function runRecords(out: string): Promise<{ status: string }[]> {
  const records = [];
  for (const arm of await readdir(join(out, 'runs')).catch(() => [] as string[])) {
    for (const seed of await readdir(join(out, 'runs', arm)).catch(() => [] as string[])) {
      const text = await readFile(join(out, 'runs', arm, seed, 'run.json'), 'utf8').catch(() => undefined);
      if (text) records.push(JSON.parse(text) as { status: string });
    }
  }
  return records;
}

/** The final results a re-run must reproduce. */
async function results(out: string): Promise<{ observations: string; summary: unknown }> {
  return {
    observations: await readFile(join(out, 'observations.jsonl'), 'utf8'),
    summary: JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')),
  };
}

let clean: { observations: string; summary: unknown };
let cleanStudy: { file: string; root: string; out: string };

beforeAll(async () => {
  await ensureFreshDist('cli/main.js');
  cleanStudy = await writeStudy();
  const r = await cli(cleanStudy.root, 'run', cleanStudy.file, '--to', 'report');
  expect(r.exitCode, r.stderr).toBe(0);
  clean = await results(cleanStudy.out);
  expect(clean.observations.trim().split('\n')).toHaveLength(36);
}, 180_000);

describeMount('a full disk (ENOSPC on a tmpfs)', () => {
  it('during training: exit 2 naming the file, then a re-run equals a clean run', async () => {
    const s = await writeStudy();
    await fullDisk(join(s.out, 'runs'));
    const r = await cli(s.root, 'run', s.file, '--to', 'report');
    await expectCleanFailure(r, s.out, /no space left on device writing \S*out\/runs\/a\/seed-1\//);
    unmount(join(s.out, 'runs'));
    const again = await cli(s.root, 'run', s.file, '--to', 'report');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await results(s.out)).toEqual(clean);
  }, 180_000);

  it('during evaluation: exit 2, the worker stopped, no temp dir left, then a re-run equals a clean run', async () => {
    const s = await writeStudy();
    const trained = await cli(s.root, 'train', s.file);
    expect(trained.exitCode, trained.stderr).toBe(0);
    const evalDir = join(s.out, 'runs', 'a', 'seed-1', 'eval');
    await fullDisk(evalDir);
    const child = cli(s.root, 'run', s.file, '--to', 'report');
    const r = await child;
    await expectCleanFailure(r, s.out, /no space left on device writing \S*out\/runs\/a\/seed-1\/eval/);
    const left = (await readdir(tmpdir())).filter((n) => n.startsWith(`seedstudy-eval-${child.pid}-`));
    expect(left).toEqual([]);
    unmount(evalDir);
    const again = await cli(s.root, 'run', s.file, '--to', 'report');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await results(s.out)).toEqual(clean);
  }, 180_000);

  it('writing the report: exit 2, no half-written report, then a re-run writes it whole', async () => {
    const s = await writeStudy();
    const disk = join(s.root, 'disk');
    await fullDisk(disk);
    const r = await cli(s.root, 'run', s.file, '--to', 'disk/report');
    await expectCleanFailure(r, s.out, /no space left on device writing \S*disk\/report/);
    expect(await readdir(disk)).toEqual(['filler']); // neither a report nor its temp directory
    unmount(disk); // the report (charts and PNGs) is larger than the whole 64k disk
    const again = await cli(s.root, 'run', s.file, '--to', 'disk/report');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await results(s.out)).toEqual(clean);
    expect(await readdir(join(disk, 'report'))).toEqual(await readdir(join(cleanStudy.root, 'report')));
  }, 180_000);
});

describeMount('a read-only output directory', () => {
  it('train, eval, score and analyze each stop with exit 2; once writable a re-run equals a clean run', async () => {
    const s = await writeStudy();
    await mkdir(s.out, { recursive: true });
    readOnly(s.out);
    const cannot = /cannot write \S*out\S* \(read-only or permission denied\)/;
    await expectCleanFailure(await cli(s.root, 'train', s.file), s.out, cannot);
    await expectCleanFailure(await cli(s.root, 'eval', s.file), s.out, cannot);
    unmount(s.out);
    // Trained and evaluated; then score and analyze meet a read-only directory.
    expect((await cli(s.root, 'run', s.file, '--to', 'report')).exitCode).toBe(0);
    await rm(join(s.out, 'summary.json'));
    readOnly(s.out);
    await expectCleanFailure(await cli(s.root, 'score', s.file), s.out, cannot);
    await expectCleanFailure(await cli(s.root, 'analyze', s.file), s.out, /cannot write \S*out\/summary\.json/);
    unmount(s.out);
    const again = await cli(s.root, 'run', s.file, '--to', 'report');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await results(s.out)).toEqual(clean);
  }, 240_000);
});

/** A "billion laughs" document: ten levels of nine aliases each. */
function aliasBomb(): string {
  const lines = ['x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `x${i}: &x${i} [${Array(9)
        .fill(`*x${i - 1}`)
        .join(',')}]`,
    );
  return lines.join('\n') + '\n';
}

describe('alias bombs are input errors, not crashes', () => {
  it('in a study file: exit 2 naming the file', async () => {
    const s = await writeStudy();
    await writeFile(s.file, (await readFile(s.file, 'utf8')) + aliasBomb());
    for (const command of ['validate', 'run']) {
      const r = await cli(s.root, command, s.file);
      await expectCleanFailure(r, s.out, new RegExp(`${s.file}: invalid YAML: Excessive alias count`));
    }
    expect(await readdir(s.root)).not.toContain('out');
  }, 60_000);

  it('in a history record: exit 2 naming the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'seedstudy-bomb-'));
    const file = join(root, 'history.yaml');
    await writeFile(file, aliasBomb());
    const r = await cli(root, 'analyze', '--input', file);
    await expectCleanFailure(r, root, new RegExp(`${file}: invalid YAML: Excessive alias count`));
  }, 60_000);
});

describe('an output directory belongs to one study', () => {
  it('a second study into the same output is refused naming both; the first keeps its results and report', async () => {
    const a = cleanStudy;
    const reportBefore = await readFile(join(a.root, 'report', 'summary.json'), 'utf8');
    const b = await writeStudy();
    const doc = parse(await readFile(b.file, 'utf8')) as Record<string, unknown>;
    doc['name'] = 'other';
    doc['output'] = a.out;
    doc['arms'] = [{ name: 'c' }];
    await writeFile(b.file, stringify(doc));
    for (const command of ['run', 'train', 'eval', 'score', 'analyze', 'report', 'status']) {
      const r = await cli(b.root, command, b.file);
      await expectCleanFailure(r, a.out, /belongs to study "fake" \(\S+study\.yaml\), not to study "other"/);
      expect(r.stderr).toContain(a.file);
      expect(r.stderr).toContain(b.file);
      expect(r.stderr).toMatch(/fix: give study "other" its own `output:`/);
    }
    expect(await results(a.out)).toEqual(clean);
    const report = await cli(a.root, 'report', a.file, '--to', 'report');
    expect(report.exitCode, report.stderr).toBe(0);
    expect(await readFile(join(a.root, 'report', 'summary.json'), 'utf8')).toBe(reportBefore);
  }, 180_000);

  it('the same study edited (an arm added) is still its own: allowed', async () => {
    const s = await writeStudy();
    await cp(cleanStudy.out, s.out, { recursive: true });
    const doc = parse(await readFile(s.file, 'utf8')) as { arms: unknown[] };
    doc.arms.push({ name: 'c', train: { learning_rate: 0.002 } });
    await writeFile(s.file, stringify(doc));
    const r = await cli(s.root, 'run', s.file, '--to', 'report');
    expect(r.exitCode, r.stderr).toBe(0);
    const summary = JSON.parse(await readFile(join(s.out, 'summary.json'), 'utf8')) as { data: { arms: string[] } };
    expect(summary.data.arms).toEqual(['a', 'b', 'c']);
    const owner = JSON.parse(await readFile(join(s.out, 'study.json'), 'utf8')) as { study: string; arms: string[] };
    expect([owner.study, owner.arms]).toEqual(['fake', ['a', 'b', 'c']]);
  }, 180_000);

  it('derived files built for another plan are rebuilt, not used', async () => {
    const s = await writeStudy();
    await cp(cleanStudy.out, s.out, { recursive: true });
    // observations.jsonl as another plan left it: one row, and derived.json says it was that plan's.
    await writeFile(join(s.out, 'observations.jsonl'), clean.observations.split('\n')[0] + '\n');
    const derived = JSON.parse(await readFile(join(s.out, 'derived.json'), 'utf8')) as Record<string, { plan: string }>;
    for (const kind of Object.keys(derived)) derived[kind]!.plan = 'another plan';
    await writeFile(join(s.out, 'derived.json'), JSON.stringify(derived));
    const summaryBefore = await readFile(join(s.out, 'summary.json'), 'utf8');
    const report = await cli(s.root, 'report', s.file, '--to', 'report');
    expect(report.exitCode, report.stderr).toBe(0);
    expect(await readFile(join(s.out, 'observations.jsonl'), 'utf8')).toBe(clean.observations);
    expect(JSON.parse(await readFile(join(s.root, 'report', 'summary.json'), 'utf8'))).toEqual(clean.summary);
    expect(await readFile(join(s.out, 'summary.json'), 'utf8')).toBe(summaryBefore);
    await writeFile(join(s.out, 'observations.jsonl'), clean.observations.split('\n')[0] + '\n');
    await writeFile(join(s.out, 'derived.json'), JSON.stringify(derived));
    const analyzed = await cli(s.root, 'analyze', s.file);
    expect(analyzed.exitCode, analyzed.stderr).toBe(0);
    expect(await results(s.out)).toEqual(clean);
  }, 180_000);
});
