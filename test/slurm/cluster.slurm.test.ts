import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJobsLedger } from '../../src/launch/slurm/jobs-ledger.js';
import { queryTaskStates } from '../../src/launch/slurm/query-task-states.js';
import { formatSlurmQueueStatus, slurmQueueStatus } from '../../src/launch/slurm/queue-status.js';
import { runSlurmStudy } from '../../src/launch/slurm/run-slurm-study.js';
import type { SlurmEvent } from '../../src/launch/slurm/slurm-events.js';
import { readTaskRecord } from '../../src/launch/slurm/task-record.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import type { Plan } from '../../src/plan/run-spec.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import type { Study } from '../../src/study/study.js';
import { ensureTinyModel, venvPython } from '../helpers/tiny-model.js';
import { ensureFreshDist, repo, startLocalSlurm, stopLocalSlurm, waitFor, requireCluster } from './local-cluster.js';

// A REAL one-node Slurm (scripts/slurm/slurm-local.sh), the real mlx-lm tiny model, 2 arms x 4 seeds:
// seeds 0-1 of both arms and b/3 train for real; a/2 fails, b/2 hits its time limit, a/3 is cancelled.
// Faults are injected by the study's engine.lora_command, a wrapper that runs the real trainer
// unless a fault file names its run.

let skipReason: string | undefined;
let started = false;
let dir: string;
let faults: string;
let studyFile: string;

const TRAINER = (faultDir: string, python: string) => `#!/bin/bash
# fault-injecting wrapper around "python -m mlx_lm lora" (the study's engine.lora_command)
cfg=""; prev=""
for a in "$@"; do [ "$prev" = "--config" ] && cfg="$a"; prev="$a"; done
rundir=$(dirname "$cfg"); seed=\${rundir##*seed-}; arm=$(basename "$(dirname "$rundir")")
f="${faultDir}/$arm-$seed"
if [ -f "$f" ]; then
  case "$(cat "$f")" in
    fail) echo "fault injection: failing once ${faultDir}/go exists"
          while [ ! -f "${faultDir}/go" ]; do sleep 0.5; done
          echo "Traceback (most recent call last):"; echo "RuntimeError: injected trainer failure" >&2; exit 3;;
    sleep) echo "fault injection: sleeping until Slurm stops this task"; exec sleep 3600;;
  esac
fi
exec ${python} -m mlx_lm lora "$@"
`;

const key = (r: { arm: string; seed: number }) => `${r.arm}/${r.seed}`;

beforeAll(async () => {
  skipReason = await startLocalSlurm(8);
  if (skipReason) return;
  started = true;
  await ensureFreshDist();
  const tiny = await ensureTinyModel();
  dir = await mkdtemp(join(tmpdir(), 'seedstudy-slurm-'));
  faults = join(dir, 'faults');
  await execa('mkdir', ['-p', faults]);
  await writeFile(join(dir, 'trainer.sh'), TRAINER(faults, venvPython()), { mode: 0o755 });
  const suite = parse(await readFile(tiny.suite, 'utf8')) as { name: string; prompts: unknown[] };
  await writeFile(join(dir, 'suite.yaml'), stringify({ ...suite, prompts: suite.prompts.slice(0, 3) }));
  studyFile = join(dir, 'study.yaml');
  await writeFile(
    studyFile,
    stringify({
      name: 'slurm-e2e',
      model: tiny.model,
      data: tiny.data,
      train: {
        iters: 4,
        save_every: 2,
        batch_size: 4,
        num_layers: -1,
        learning_rate: 5e-3,
        steps_per_eval: 1000,
        steps_per_report: 1000,
        val_batches: 1,
        max_seq_length: 512,
        lora_parameters: { rank: 4, scale: 20.0, dropout: 0.0 },
      },
      arms: [{ name: 'a' }, { name: 'b', train: { learning_rate: 1e-3 } }],
      seeds: [0, 1, 2, 3],
      eval: {
        suite: 'suite.yaml',
        include_base: false,
        exact_loss: false,
        chat_template_args: { enable_thinking: false },
        prompt_timeout_s: 300,
      },
      engine: { lora_command: ['bash', join(dir, 'trainer.sh')] },
      executor: { kind: 'slurm', concurrency: 8, time: '00:30:00', poll_s: 1 },
      output: 'out',
    }),
  );
}, 1_500_000);

afterAll(async () => {
  if (started) await stopLocalSlurm();
  if (dir && !process.env.SEEDSTUDY_KEEP_TEST_DIR) await rm(dir, { recursive: true, force: true });
}, 180_000);

describe('Slurm executor on a real one-node cluster', () => {
  let study: Study;
  let plan: Plan;

  it('runs 2 arms x 4 seeds as one array; records a failure, a time limit and a cancel; re-attaches; resubmits only those', async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm cluster test');
    const t0 = Date.now();
    const lap = (what: string) => console.info(`[slurm e2e] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    await writeFile(join(faults, 'a-2'), 'fail');
    await writeFile(join(faults, 'b-2'), 'sleep');
    await writeFile(join(faults, 'a-3'), 'sleep');
    study = await loadStudy(studyFile);
    plan = await planStudy(study);
    expect(plan.runs).toHaveLength(8);

    // 1. submit and return (--detach): ONE array of 8 tasks, job ids recorded before any task ran
    const first = await runSlurmStudy(study, plan, { detach: true });
    lap('submitted');
    expect(first).toMatchObject({ outcome: 'detached', submitted: 8, reattached: 0 });
    expect(first.batches).toHaveLength(1);
    const jobId = first.batches[0]!.jobId;
    const tid = new Map(first.runs.map((r) => [key(r), r.taskId!]));
    expect([...tid.values()].sort()).toEqual([...Array(8).keys()].map((i) => `${jobId}_${i}`).sort());
    for (const spec of plan.runs) {
      const rec = await readRunRecord(spec.runDir);
      expect(rec?.slurm?.jobId).toBe(tid.get(key(spec)));
    }
    const script = await readFile(join(study.outputDir, 'slurm', 'batch-0001', 'job.sh'), 'utf8');
    expect(script).toContain('--tasks');
    expect(script).toMatch(/--array=0-7%8/);
    // fault: a 1-minute time limit for b/2 only
    await execa('scontrol', ['update', `JobId=${tid.get('b/2')}`, 'TimeLimit=1']);

    // 2. a new orchestrator (the first is gone, as if killed) re-attaches instead of resubmitting
    const events: SlurmEvent[] = [];
    const attached = runSlurmStudy(study, plan, { onEvent: (e) => events.push(e) });
    await waitFor('re-attach', () => Promise.resolve(events.some((e) => e.type === 'slurm-reattached')), 60_000);
    const re = events.find((e) => e.type === 'slurm-reattached') as Extract<SlurmEvent, { type: 'slurm-reattached' }>;
    expect(re.runs.map((r) => r.taskId).sort()).toEqual([...tid.values()].sort());
    await writeFile(join(faults, 'go'), '');
    await waitFor(
      'a/3 running',
      async () => (await queryTaskStates([tid.get('a/3')!])).get(tid.get('a/3')!)?.state === 'RUNNING',
      600_000,
    );
    await execa('scancel', [tid.get('a/3')!]);
    lap('a/3 cancelled');
    const live = formatSlurmQueueStatus(await slurmQueueStatus(study));
    console.info(live.join('\n'));
    expect(live[0]).toMatch(/^slurm: /);
    const second = await attached;
    lap('all tasks final');
    expect(second.submitted).toBe(0);
    const byRun = new Map(second.runs.map((r) => [key(r), r]));
    for (const k of ['a/0', 'b/0', 'a/1', 'b/1', 'b/3']) {
      expect(byRun.get(k), `${k}: ${byRun.get(k)?.reason}`).toMatchObject({ status: 'succeeded', state: 'COMPLETED' });
    }
    expect(byRun.get('a/2')).toMatchObject({ status: 'failed', state: 'FAILED' });
    expect(byRun.get('a/2')!.reason).toMatch(/training failed: exited with code 3/);
    expect(byRun.get('b/2')).toMatchObject({ status: 'failed', state: 'TIMEOUT' });
    expect(byRun.get('b/2')!.reason).toMatch(/hit the Slurm time limit \(time=1:00\)/);
    expect(byRun.get('a/3')).toMatchObject({ status: 'interrupted', state: 'CANCELLED' });
    expect(second.outcome).toBe('interrupted');

    const spec = (k: string) => plan.runs.find((r) => key(r) === k)!;
    const fail = await readRunRecord(spec('a/2').runDir);
    expect(fail).toMatchObject({ status: 'failed', exitCode: 3, slurm: { jobId: tid.get('a/2'), state: 'FAILED' } });
    expect(fail!.errorExcerpt.join('\n')).toMatch(/injected trainer failure/);
    expect(await readRunRecord(spec('b/2').runDir)).toMatchObject({
      status: 'failed',
      timedOut: true,
      slurm: { state: 'TIMEOUT' },
    });
    expect(await readRunRecord(spec('a/3').runDir)).toMatchObject({
      status: 'interrupted',
      cancelled: true,
      slurm: { state: 'CANCELLED' },
    });
    const good = await readRunRecord(spec('a/0').runDir);
    expect(good).toMatchObject({ status: 'succeeded', slurm: { jobId: tid.get('a/0') } });
    expect(good!.checkpoints.map((c) => c.step)).toEqual([2, 4]);
    expect(await readTaskRecord(spec('a/0').runDir)).toMatchObject({
      status: 'succeeded',
      train: 'succeeded',
      eval: 'succeeded',
      taskId: tid.get('a/0'),
    });
    const t = (await readTaskRecord(spec('a/0').runDir))!;
    console.info(`[slurm e2e] one real task: train ${t.trainS}s, eval ${t.evalS}s, total ${t.durationS}s`);

    // 3. re-running after the failures resubmits exactly the three, in one new array
    await rm(faults, { recursive: true, force: true });
    const third = await runSlurmStudy(study, plan, { pollS: 1 });
    lap('resubmitted runs final');
    expect(third.submitted).toBe(3);
    expect(third.batches).toHaveLength(1);
    expect(
      third.runs
        .filter((r) => !r.skipped)
        .map(key)
        .sort(),
    ).toEqual(['a/2', 'a/3', 'b/2']);
    expect(third.outcome, JSON.stringify(third.runs.filter((r) => r.status !== 'succeeded'))).toBe('succeeded');
    expect((await readRunRecord(spec('a/2').runDir))!.attempts).toBe(2);

    // 4. nothing is ever submitted twice
    const fourth = await runSlurmStudy(study, plan, { pollS: 1 });
    expect(fourth).toMatchObject({ submitted: 0, skipped: 8, outcome: 'succeeded' });
    const ledger = await readJobsLedger(study.outputDir, study.name);
    expect(ledger.batches.map((b) => b.tasks.length)).toEqual([8, 3]);
    const status = await slurmQueueStatus(study);
    expect(status.counts).toEqual({ COMPLETED: 8 });
  }, 1_800_000);

  it("seedstudy cancel scancels the study's queued and running tasks and records them interrupted", async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm cluster test');
    await execa('mkdir', ['-p', faults]);
    for (const k of ['a-0', 'b-0', 'a-1']) await writeFile(join(faults, k), 'sleep');
    const out = join(dir, 'out-cancel');
    const s = await loadStudy(studyFile, { output: out });
    const p = await planStudy(s);
    const runIds = p.runs.filter((r) => r.seed <= 1 && key(r) !== 'b/1').map((r) => r.runId);
    const sub = await runSlurmStudy(s, p, { detach: true, evaluate: false, runIds });
    expect(sub.submitted).toBe(3);
    const ids = sub.runs.map((r) => r.taskId!);
    await waitFor(
      'a task running',
      async () => [...(await queryTaskStates(ids)).values()].some((x) => x.state === 'RUNNING'),
      120_000,
    );
    const cli = await execa('node', [join(repo, 'bin', 'seedstudy.js'), 'cancel', studyFile, '--output', out], {
      reject: false,
      all: true,
    });
    expect(cli.exitCode, cli.all).toBe(0);
    expect(cli.stdout).toMatch(/cancelled 3 task/);
    for (const r of p.runs.filter((x) => runIds.includes(x.runId))) {
      expect(await readRunRecord(r.runDir)).toMatchObject({
        status: 'interrupted',
        cancelled: true,
        slurm: { state: 'CANCELLED' },
      });
    }
    const st = await slurmQueueStatus(s);
    expect(st.counts).toEqual({ CANCELLED: 3 });
    expect(st.activeJobIds).toEqual([]);
  }, 600_000);

  it('an orchestrator killed with SIGKILL while tasks run: the next one re-attaches, nothing is submitted twice', async (ctx) => {
    requireCluster(ctx, skipReason, 'Slurm cluster test');
    const fakeStudy = join(dir, 'fake.yaml');
    const text = (await readFile(studyFile, 'utf8')).replace('name: slurm-e2e', 'name: slurm-kill');
    const doc = parse(text) as Record<string, unknown>;
    doc.engine = {
      lora_command: [process.execPath, join(repo, 'test', 'fixtures', 'fake-trainer', 'fake-trainer.mjs')],
    };
    doc.output = 'out-kill';
    doc.seeds = [0, 1];
    await writeFile(fakeStudy, stringify(doc));
    const driver = [
      `const { loadStudy } = await import(${JSON.stringify(join(repo, 'dist/study/load-study.js'))});`,
      `const { planStudy } = await import(${JSON.stringify(join(repo, 'dist/pipeline/plan-study.js'))});`,
      `const { runSlurmStudy } = await import(${JSON.stringify(join(repo, 'dist/launch/slurm/run-slurm-study.js'))});`,
      `const s = await loadStudy(${JSON.stringify(fakeStudy)}); const p = await planStudy(s);`,
      `await runSlurmStudy(s, p, { evaluate: false, pollS: 1, onEvent: (e) => console.log(e.type) });`,
    ].join('\n');
    const child = execa(process.execPath, ['--input-type=module', '-e', driver], {
      env: { FAKE_TRAINER_STEP_MS: '1500' },
      reject: false,
      all: true,
    });
    let seen = '';
    child.all.on('data', (d: Buffer) => (seen += d.toString()));
    await waitFor('the first orchestrator to submit', () => Promise.resolve(seen.includes('slurm-submitted')), 120_000);
    const s = await loadStudy(fakeStudy);
    const p = await planStudy(s);
    const ids = p.runs.map((r) => r.runId);
    await waitFor(
      'a task running',
      async () => {
        const l = await readJobsLedger(s.outputDir, s.name);
        const t = l.batches[0]?.tasks.map((x) => `${l.batches[0]!.jobId}_${x.index}`) ?? [];
        return [...(await queryTaskStates(t)).values()].some((x) => x.state === 'RUNNING');
      },
      120_000,
    );
    child.kill('SIGKILL');
    await child;
    const events: SlurmEvent[] = [];
    const again = await runSlurmStudy(s, p, { evaluate: false, pollS: 1, onEvent: (e) => events.push(e) });
    expect(again).toMatchObject({ submitted: 0, outcome: 'succeeded' });
    expect(again.reattached).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'slurm-submitted')).toBe(false);
    const ledger = await readJobsLedger(s.outputDir, s.name);
    expect(ledger.batches).toHaveLength(1);
    for (const r of p.runs.filter((x) => ids.includes(x.runId)))
      expect(await readRunRecord(r.runDir)).toMatchObject({ status: 'succeeded', attempts: 1 });
  }, 600_000);
});
