#!/usr/bin/env node
// `npm run bench`: runs every benchmark in scripts/bench/ one after the other and fails if any misses
// its target.
//
// The convention, for anyone adding a bench:
//   - A bench is a file `scripts/bench/<name>.mjs` (files starting with `_` are helpers, not benches).
//     run-all discovers them, sorts them by name and runs each as `node <file>` from the repo root,
//     ONE AT A TIME (benches measure time; two at once on a 2-core machine would measure each other).
//   - Before the first bench, run-all builds the CLI once (`tsc -p tsconfig.build.json`), so a bench
//     may use `bin/seedstudy.js` / `dist/` directly. A bench run on its own must build what it needs.
//   - A bench prints, on stdout, one JSON line per metric (more lines, e.g. progress, are allowed and
//     passed through; put chatter on stderr):
//       {"bench": "<name>", "metric": "<what>", "value": <number>, "unit": "ms", "target": "< 300", "pass": true}
//     `target` is a human-readable string, `pass` the verdict the bench computed; extra keys (details)
//     are allowed. A bench exits 0 even when a target is missed: `pass: false` says so. A non-zero
//     exit, or no result line at all, counts as a failure of that bench.
//   - Keep a bench under a few minutes on a 2-core CPU; it inherits BENCH_TIMEOUT_S (default 1800 s).
//
// Usage: node scripts/bench/run-all.mjs [name ...]   (names select benches, e.g. `startup`)
//        node scripts/bench/run-all.mjs --list
// Exit code: 0 when every result passed, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs' && !f.startsWith('_'))
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();

if (args.includes('--list')) {
  console.log(all.join('\n'));
  process.exit(0);
}
const unknown = args.filter((a) => !all.includes(a));
if (unknown.length > 0) {
  console.error(`unknown bench(es): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const selected = args.length > 0 ? args : all;
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;

const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('bench: the build failed');
  process.exit(1);
}

const results = [];
for (const name of selected) {
  console.error(`\n== bench ${name}`);
  const started = Date.now();
  const child = spawnSync(process.execPath, [join(here, `${name}.mjs`)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = [];
  for (const line of (child.stdout ?? '').split('\n')) {
    if (line.trim() === '') continue;
    process.stdout.write(`${line}\n`);
    try {
      const parsed = JSON.parse(line);
      if (parsed && typeof parsed === 'object' && 'bench' in parsed && 'pass' in parsed) lines.push(parsed);
    } catch {
      // not a result line
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (child.status !== 0 || lines.length === 0) {
    const why =
      child.error?.code === 'ETIMEDOUT'
        ? 'timed out'
        : child.status !== 0
          ? `exit ${child.status ?? child.signal}`
          : 'printed no result line';
    results.push({
      bench: name,
      metric: '(run)',
      value: null,
      unit: '',
      target: 'exit 0 with a result line',
      pass: false,
      why,
      seconds,
    });
  } else {
    for (const r of lines) results.push({ ...r, seconds });
  }
}

console.error('\n== summary');
for (const r of results) {
  const value = r.value === null || r.value === undefined ? (r.why ?? '-') : `${r.value} ${r.unit ?? ''}`.trim();
  console.error(`${r.pass ? 'PASS' : 'FAIL'}  ${r.bench} ${r.metric}: ${value} (target ${r.target}) [${r.seconds}s]`);
}
process.exit(results.every((r) => r.pass === true) ? 0 : 1);
