import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJobsLedger } from '../../src/launch/slurm/jobs-ledger.js';
import { queryTaskStates } from '../../src/launch/slurm/query-task-states.js';
import { slurmQueueStatus } from '../../src/launch/slurm/queue-status.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { sequentialRecordFile, sequentialRecordSchema } from '../../src/results/sequential-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { rightTable, writeSequentialStudy } from '../pipeline/sequential-fixture.js';
import { ensureFreshDist, repo, startLocalSlurm, stopLocalSlurm, waitFor, requireCluster } from './local-cluster.js';

// `seedstudy run` of a study with a `sequential:` block on a REAL one-node Slurm (scripts/slurm/slurm-local.sh):
// looks [2, 3] over seeds 1-4 of arms a and b, with the fake trainer (engine.lora_command) and the fake eval
// worker, whose FAKE_WORKER_RIGHT gives both arms the same mean, so look 1 continues and look 2 stops at the
// maximum. The tasks get the fake worker and its score table from the study's executor.setup lines (not from
// the submitting shell's environment, which a cluster may not export), so the looks see exactly these scores.
// Each look must be ONE array holding only its new seeds, and seed 4 (beyond the last look) never trains.
// With --detach, each call takes the looks whose arrays ended and submits the next look's array (or finishes).

let skipReason: string | undefined;
let started = false;
let file: string;
let root: string;

const SEEDS = [1, 2, 3, 4];
const WORKER = [process.execPath, join(repo, 'test', 'fixtures', 'eval', 'fake-worker.mjs')];
const RIGHT = rightTable(SEEDS, { a: [5, 6, 5, 6], b: [6, 5, 6, 5] });
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The compiled CLI, as a user runs it, without the fake worker in its environment (the study file sets it). */
function seedstudy(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.SEEDSTUDY_EVAL_WORKER;
  delete env.FAKE_WORKER_RIGHT;
  return execa(process.execPath, [join(repo, 'bin', 'seedstudy.js'), ...args], {
    cwd: root,
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 240_000,
  });
}

beforeAll(async () => {
  skipReason = await startLocalSlurm(8);
  if (skipReason) return;
  started = true;
  await ensureFreshDist();
  const design = { question: 'compare', arms: ['a', 'b'], looks: [2, 3] };
  ({ file, root } = await writeSequentialStudy(design, SEEDS));
  const doc = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  doc['name'] = 'slurm-seq';
  doc['executor'] = {
    kind: 'slurm',
    concurrency: 8,
    time: '00:10:00',
    poll_s: 1,
    stall_timeout_s: 30,
    grace_s: 1,
    setup: [
      `export SEEDSTUDY_EVAL_WORKER=${quote(JSON.stringify(WORKER))}`,
      `export FAKE_WORKER_RIGHT=${quote(RIGHT)}`,
    ],
  };
  await writeFile(file, stringify(doc));
}, 900_000);

afterAll(async () => {
  if (started) await stopLocalSlurm();
  if (root && !process.env.SEEDSTUDY_KEEP_TEST_DIR) await rm(root, { recursive: true, force: true });
}, 180_000);

describe('seedstudy run, look by look, on a real one-node Slurm', () => {
  it('submits one array per look, the second only for the new seeds; never trains beyond the last look', async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm sequential test');
    const t0 = Date.now();
    const cli = await seedstudy(['run', file]);
    console.info(`[slurm sequential] seedstudy run took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    expect(cli.exitCode, cli.all).toBe(0);
    expect(cli.stdout).toMatch(/look 1 of 2: 2 seeds per arm/);
    expect(cli.stdout).toMatch(/look 2 of 2: 3 seeds per arm/);
    expect(cli.stdout).toMatch(/All planned seeds were used \(3 seeds per arm\)/);

    const study = await loadStudy(file);
    const runs = (await planStudy(study)).runs;
    const id = (arm: string, seed: number) => runs.find((r) => r.arm === arm && r.seed === seed)!.runId;

    // Two arrays: look 1 = seeds 1-2 of both arms, look 2 = seed 3 of both arms only.
    const ledger = await readJobsLedger(study.outputDir, study.name);
    expect(ledger.batches).toHaveLength(2);
    expect(new Set(ledger.batches.map((b) => b.jobId)).size).toBe(2);
    const tasks = ledger.batches.map((b) => b.tasks.map((t) => t.runId).sort());
    expect(tasks).toEqual([[id('a', 1), id('a', 2), id('b', 1), id('b', 2)].sort(), [id('a', 3), id('b', 3)].sort()]);
    for (const b of ledger.batches)
      for (const t of b.tasks)
        expect(t, t.runId).toMatchObject({ final: true, state: 'COMPLETED', outcome: 'succeeded' });
    // What Slurm itself accounted for: six completed tasks, nothing else.
    expect((await slurmQueueStatus(study)).counts).toEqual({ COMPLETED: 6 });

    // sequential.json: two looks with their seeds and decisions, scored from the tasks' evaluations.
    const record = sequentialRecordSchema.parse(
      JSON.parse(await readFile(sequentialRecordFile(study.outputDir), 'utf8')),
    );
    expect(record.looks.map((l) => [l.look, l.plannedSeeds, l.decision])).toEqual([
      [1, 2, 'continue'],
      [2, 3, 'stop-max'],
    ]);
    expect(record.looks.map((l) => l.seeds)).toEqual([
      { a: [1, 2], b: [1, 2] },
      { a: [1, 2, 3], b: [1, 2, 3] },
    ]);
    const st = record.looks[1]!.statistic!;
    if (st.question !== 'compare') throw new Error('compare expected');
    expect([st.scoresA, st.scoresB]).toEqual([
      [0.5, 0.6, 0.5],
      [0.6, 0.5, 0.6],
    ]);

    // Each look's runs trained exactly once, as Slurm tasks; seed 4 never trained (no run dir, no record).
    for (const r of runs) {
      const rec = await readRunRecord(r.runDir).catch(() => undefined);
      if (r.seed === 4) {
        expect(rec, `${r.arm}/4 is beyond the last look`).toBeUndefined();
        expect(await readFile(join(r.runDir, 'fake-invocations.log'), 'utf8').catch(() => ''), r.runId).toBe('');
        continue;
      }
      expect(rec, r.runId).toMatchObject({ status: 'succeeded', attempts: 1 });
      const batch = ledger.batches[r.seed <= 2 ? 0 : 1]!;
      expect(rec!.slurm?.jobId, r.runId).toMatch(new RegExp(`^${batch.jobId}_\\d+$`));
      const trained = await readFile(join(r.runDir, 'fake-invocations.log'), 'utf8');
      expect(trained.split('\n').filter(Boolean), r.runId).toHaveLength(1);
    }
  }, 300_000);

  it('run --detach: each call takes the looks whose tasks ended and submits the next array, then stops', async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm sequential test');
    const out = join(root, 'out-detach');
    const study = await loadStudy(file, { output: out });
    const detach = () => seedstudy(['run', file, '--output', out, '--detach']);
    const arraysEnded = async () => {
      const ledger = await readJobsLedger(out, study.name);
      const ids = ledger.batches.flatMap((b) => b.tasks.map((t) => `${b.jobId}_${t.index}`));
      const states = await queryTaskStates(ids);
      return ids.every((id) => states.get(id)?.state === 'COMPLETED');
    };
    const arrays = async () => (await readJobsLedger(out, study.name)).batches.map((b) => b.tasks.length);
    const looks = async () =>
      (await readFile(sequentialRecordFile(out), 'utf8').catch(() => '{"looks": []}')).match(/"look": \d/g) ?? [];

    const first = await detach();
    expect(first.exitCode, first.all).toBe(0);
    expect(first.stdout).toMatch(/detached; jobs \d+ keep running/);
    expect([await arrays(), await looks()]).toEqual([[4], []]);
    await waitFor('look 1 array to end', arraysEnded, 120_000);

    // Before the fix, this call found look 1's runs done, "detached" from no job, and never took the look.
    const second = await detach();
    expect(second.exitCode, second.all).toBe(0);
    expect(second.stdout).toMatch(/look 1 of 2: 2\/2 seeds.*→ continue/);
    expect(second.stdout).toMatch(/detached; jobs \d+ keep running/);
    expect([await arrays(), (await looks()).length]).toEqual([[4, 2], 1]);
    await waitFor('look 2 array to end', arraysEnded, 120_000);

    const third = await detach();
    expect(third.exitCode, third.all).toBe(0);
    expect(third.stdout).toMatch(/All planned seeds were used \(3 seeds per arm\)/);
    expect(third.stdout).not.toMatch(/detached/);
    expect([await arrays(), (await looks()).length]).toEqual([[4, 2], 2]);
  }, 300_000);
});
