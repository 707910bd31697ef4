#!/usr/bin/env node
// Bench: per-run overhead of running a study through Slurm instead of the local executor.
// The same tiny runs (tiny model, 1 arm x 3 seeds, 4 iterations, 2 checkpoints, a 3-prompt suite) are
// trained and evaluated twice, one run at a time both ways:
//   local: trainRun + evaluateRun in this process (what the local executor and eval stage do);
//   slurm: runSlurmStudy with concurrency 1 on a real one-node Slurm (scripts/slurm/slurm-local.sh,
//          started here when it is not running and stopped again afterwards), from submit to every
//          task reconciled.
// Overhead per run = (wall time - the runs' own train+eval stage time) / runs, for each way; the
// metric is the Slurm figure minus the local one (node start, study loading, scheduling, polling).
// Prints {"bench","metric","value","unit","target","pass"} (+ details). Needs root for the cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = 'slurm-overhead';
const TARGET_S = 10;
const SEEDS = Number(process.env.SLURM_BENCH_SEEDS ?? 3);
const result = (value, extra = {}) =>
  console.log(
    JSON.stringify({
      bench: BENCH,
      metric: 'slurm_overhead_per_run',
      value,
      unit: 's',
      target: `< ${TARGET_S}`,
      pass: value !== null && value < TARGET_S,
      ...extra,
    }),
  );

if (!existsSync(join(root, 'dist/launch/slurm/run-slurm-study.js')))
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const tiny = join(root, '.cache/tiny');
const python = join(root, '.venv/bin/python');
if (!existsSync(join(tiny, 'model/config.json')))
  execFileSync(python, [join(root, 'scripts/tiny_model/build.py'), '--out', tiny], { cwd: root, stdio: 'inherit' });

// a cluster: the project's one-node Slurm, shared with other users of it (acquire/release count them),
// unless a real cluster answers sinfo without our start script having been involved
let usingLocal = false;
const up = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8' });
const localPids = join(process.env.SLURM_LOCAL_DIR ?? '/var/lib/slurm-local', 'pids', 'slurmctld.pid');
if (up.status !== 0 || !/idle|mix|alloc/.test(up.stdout) || existsSync(localPids)) {
  if (process.getuid?.() !== 0) {
    result(null, { error: 'no running Slurm and not root, so scripts/slurm/slurm-local.sh cannot start one' });
    process.exit(0);
  }
  const start = spawnSync('bash', [join(root, 'scripts/slurm/slurm-local-acquire.sh'), String(process.pid)], {
    encoding: 'utf8',
    env: { ...process.env, SLURM_CPUS: '4' },
  });
  if (start.status !== 0) {
    process.stderr.write(start.stderr);
    result(null, { error: `scripts/slurm/slurm-local.sh failed (exit ${start.status})` });
    process.exit(0);
  }
  usingLocal = true;
}

const { loadStudy } = await import(join(root, 'dist/study/load-study.js'));
const { expandPlan } = await import(join(root, 'dist/plan/expand-plan.js'));
const { trainRun } = await import(join(root, 'dist/launch/train-run.js'));
const { evaluateRun } = await import(join(root, 'dist/pipeline/evaluate-run.js'));
const { runSlurmStudy } = await import(join(root, 'dist/launch/slurm/run-slurm-study.js'));
const { readTaskRecord } = await import(join(root, 'dist/launch/slurm/task-record.js'));

const dir = mkdtempSync(join(tmpdir(), 'seedstudy-bench-slurm-'));
const suite = readFileSync(join(tiny, 'suite.yaml'), 'utf8');
// keep the first 3 prompts: the bench measures orchestration, not generation
const { parse, stringify } = await import('yaml');
const parsed = parse(suite);
writeFileSync(join(dir, 'suite.yaml'), stringify({ ...parsed, prompts: parsed.prompts.slice(0, 3) }));
const study = (kind) =>
  stringify({
    name: `bench-${kind}`,
    model: join(tiny, 'model'),
    data: join(tiny, 'data'),
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
    seeds: { count: SEEDS },
    eval: {
      suite: 'suite.yaml',
      include_base: false,
      exact_loss: false,
      chat_template_args: { enable_thinking: false },
    },
    engine: { python },
    executor: kind === 'slurm' ? { kind: 'slurm', concurrency: 1, poll_s: 1 } : { kind: 'local', concurrency: 1 },
    output: `out-${kind}`,
  });
writeFileSync(join(dir, 'local.yaml'), study('local'));
writeFileSync(join(dir, 'slurm.yaml'), study('slurm'));
const round = (x) => Math.round(x * 100) / 100;

try {
  // local: the same two stages, in process, one run at a time
  const ls = await loadStudy(join(dir, 'local.yaml'));
  const lp = await expandPlan(ls);
  let localOwn = 0;
  const t0 = performance.now();
  for (const spec of lp.runs) {
    const a = performance.now();
    const rec = await trainRun(ls, spec, { python });
    if (rec.status !== 'succeeded')
      throw new Error(`local run ${spec.arm}/${spec.seed} ${rec.status}: ${rec.failureReason}`);
    await evaluateRun(ls, spec, { python });
    localOwn += (performance.now() - a) / 1000;
  }
  const localWall = (performance.now() - t0) / 1000;

  // slurm: submit -> every task final and reconciled
  const ss = await loadStudy(join(dir, 'slurm.yaml'));
  const sp = await expandPlan(ss);
  const t1 = performance.now();
  const res = await runSlurmStudy(ss, sp, { pollS: 1 });
  const slurmWall = (performance.now() - t1) / 1000;
  if (res.outcome !== 'succeeded')
    throw new Error(`slurm sweep ${res.outcome}: ${JSON.stringify(res.runs.filter((r) => r.status !== 'succeeded'))}`);
  let slurmOwn = 0;
  for (const spec of sp.runs) {
    const t = await readTaskRecord(spec.runDir);
    slurmOwn += (t?.trainS ?? 0) + (t?.evalS ?? 0);
  }
  const n = sp.runs.length;
  const localPer = (localWall - localOwn) / n;
  const slurmPer = (slurmWall - slurmOwn) / n;
  result(round(slurmPer - localPer), {
    runs: n,
    slurm_wall_s: round(slurmWall),
    slurm_task_stage_s: round(slurmOwn),
    slurm_overhead_per_run_s: round(slurmPer),
    local_wall_s: round(localWall),
    local_stage_s: round(localOwn),
    local_overhead_per_run_s: round(localPer),
  });
} catch (error) {
  process.stderr.write(`${error?.stack ?? error}\n`);
  result(null, { error: String(error?.message ?? error) });
} finally {
  if (usingLocal)
    spawnSync('bash', [join(root, 'scripts/slurm/slurm-local-release.sh'), String(process.pid)], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
