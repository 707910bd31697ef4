#!/usr/bin/env node
// Bench: orchestration overhead of `seedstudy train` on the demo study (studies/demo.yaml when it
// exists, else a demo-like study: 2 arms x 4 seeds x 40 iterations on the tiny model), trained for
// real with mlx_lm lora into a fresh output directory. Overhead = wall time of the whole command minus
// the sum of the trainer processes' own wall times (run.json durationS), as a % of the wall time.
// Target < 2%. Prints one JSON line: {"bench","metric","value","unit","target","pass"} (+ details).
//
// Usage: node scripts/bench/train-overhead.mjs [--fake] [--seeds N]
//   --fake   use the fake trainer instead of mlx-lm (a worst case: trainers of ~1 s each)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const fake = args.includes('--fake');
const seedsArg = args.indexOf('--seeds');
const seedCount = seedsArg >= 0 ? Number(args[seedsArg + 1]) : 4;
const tiny = join(root, '.cache/tiny');
const python = join(root, '.venv/bin/python');

if (!existsSync(join(root, 'dist/cli/main.js')))
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (!fake && !existsSync(join(tiny, 'model/config.json'))) {
  execFileSync(python, [join(root, 'scripts/tiny_model/build.py'), '--out', tiny], { cwd: root, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'seedstudy-bench-train-'));
let model = join(tiny, 'model');
let data = join(tiny, 'data');
if (fake) {
  model = join(dir, 'model');
  data = join(dir, 'data');
  mkdirSync(model);
  mkdirSync(data);
  writeFileSync(join(model, 'config.json'), JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 2 }));
  for (const s of ['train', 'valid', 'test'])
    writeFileSync(
      join(data, `${s}.jsonl`),
      Array.from({ length: 8 }, (_, i) => JSON.stringify({ text: `${s} ${i}` })).join('\n') + '\n',
    );
}
writeFileSync(join(dir, 'suite.yaml'), 'prompts: []\n');
const yaml = [
  'name: bench-train',
  `model: ${JSON.stringify(model)}`,
  `data: ${JSON.stringify(data)}`,
  'output: out',
  'train: {iters: 40, save_every: 20, steps_per_report: 10, steps_per_eval: 20, batch_size: 4, num_layers: -1, val_batches: 2, learning_rate: 0.001}',
  'arms: [{name: a}, {name: b, train: {learning_rate: 0.002}}]',
  `seeds: {count: ${seedCount}}`,
  'eval: {suite: suite.yaml}',
  'executor: {kind: local, concurrency: 1}',
  fake
    ? `engine: {lora_command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(join(root, 'test/fixtures/fake-trainer/fake-trainer.mjs'))}]}`
    : `engine: {python: ${JSON.stringify(python)}}`,
].join('\n');
writeFileSync(join(dir, 'study.yaml'), yaml + '\n');

const demo = join(root, 'studies/demo.yaml');
const useDemo = !fake && !args.includes('--seeds') && existsSync(demo);
const studyFile = useDemo ? demo : join(dir, 'study.yaml');
const outDir = join(dir, 'out');
const env = { ...process.env, ...(fake && { FAKE_TRAINER_STEP_MS: '25' }) };
const t0 = performance.now();
const res = spawnSync(
  process.execPath,
  [join(root, 'bin/seedstudy.js'), 'train', studyFile, '--output', outDir, '--concurrency', '1'],
  { cwd: dir, env, encoding: 'utf8' },
);
const wallS = (performance.now() - t0) / 1000;
if (res.status !== 0) {
  process.stderr.write(res.stdout + res.stderr);
  console.log(
    JSON.stringify({
      bench: 'train-overhead',
      metric: 'orchestration_overhead',
      value: null,
      unit: '%',
      target: '< 2',
      pass: false,
      error: `seedstudy train exited ${res.status}`,
    }),
  );
  process.exit(1);
}
let trainerS = 0;
let runs = 0;
for (const arm of readdirSync(join(outDir, 'runs'))) {
  for (const seedDir of readdirSync(join(outDir, 'runs', arm))) {
    const file = join(outDir, 'runs', arm, seedDir, 'run.json');
    if (!existsSync(file)) continue;
    trainerS += JSON.parse(readFileSync(file, 'utf8')).durationS;
    runs++;
  }
}
const pct = ((wallS - trainerS) / wallS) * 100;
console.log(
  JSON.stringify({
    bench: 'train-overhead',
    metric: fake ? 'orchestration_overhead_fake_trainer' : 'orchestration_overhead',
    value: Math.round(pct * 100) / 100,
    unit: '%',
    target: '< 2',
    pass: pct < 2,
    study: useDemo ? 'studies/demo.yaml' : `demo-like (2 arms x ${seedCount} seeds)`,
    runs,
    wall_s: Math.round(wallS * 100) / 100,
    trainer_s: Math.round(trainerS * 100) / 100,
    overhead_s: Math.round((wallS - trainerS) * 100) / 100,
  }),
);
