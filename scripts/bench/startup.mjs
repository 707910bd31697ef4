#!/usr/bin/env node
// Bench: CLI start-up, the median wall time of `node bin/seedstudy.js --help` over 21 runs (after 3
// warm-up runs that fill the OS file cache). Target < 300 ms: command modules import only yargs at
// load time and their handlers `await import()` the pipeline (see src/cli/command.ts).
// Prints one JSON line: {"bench","metric","value","unit","target","pass"} (+ min, p90, runs, and
// node_baseline_median: a bare `node -e ''` timed alongside, to tell a loaded machine from a slow CLI;
// cpu_median: CPU ms of one --help on Linux, which a busy machine doesn't inflate).
//
// Usage: node scripts/bench/startup.mjs [--runs N] (builds dist/ first when it is missing)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Math.max(15, Number(args[args.indexOf('--runs') + 1])) : 21;
const targetMs = 300;

if (!existsSync(join(root, 'dist/cli/main.js'))) {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

// CPU time of reaped children (Linux: cutime + cstime of /proc/self/stat, in 10 ms ticks): unlike wall
// time it doesn't grow when other work shares the machine.
function childCpuMs() {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}
const cpu = [];
function timed(argv) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (argv.length > 0 && argv[0] !== '-e') cpu.push(childCpuMs() - cpuBefore);
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(1);
  }
  return ms;
}
const help = () => timed([join(root, 'bin/seedstudy.js'), '--help']);
// Bare `node -e ""`, interleaved with the real runs: on a busy machine it shows how much of the
// time is Node itself and the scheduler rather than seedstudy's own start-up.
const bare = () => timed(['-e', '']);

for (let i = 0; i < 3; i++) help();
cpu.length = 0;
const times = [];
const baseline = [];
for (let i = 0; i < runs; i++) {
  times.push(help());
  baseline.push(bare());
}
times.sort((a, b) => a - b);
const quantile = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const medianOf = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const median = medianOf(times);
const round = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'startup',
    metric: 'seedstudy --help median',
    value: round(median),
    unit: 'ms',
    target: `< ${targetMs}`,
    pass: median < targetMs,
    min: round(times[0]),
    p90: round(quantile(0.9)),
    node_baseline_median: round(medianOf(baseline)),
    cpu_median: round(medianOf(cpu)),
    runs,
  }),
);
