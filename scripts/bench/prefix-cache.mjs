#!/usr/bin/env node
// Bench: the prefix-cache trainer against `mlx_lm lora` on the same config, LoRA on a quarter of the layers
// (4 of 16) of a deep tiny model (scripts/tiny_deep/build.py: float32 qwen3, hidden 128, built from the
// tiny model's tokenizer and data). Per seed: wall time of each trainer process, same seeds, same config;
// the ratio's target is <= 0.5. The cache build is timed separately and amortised over the seeds
// (measured seeds, and 20 by extrapolation). The checkpoints must also be byte-identical (a bench that
// measured a different computation would be meaningless). Prints JSON result lines.
//
// Usage: node scripts/bench/prefix-cache.mjs [--seeds N]   (default 2)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const seedsArg = args.indexOf('--seeds');
const seeds = Array.from({ length: seedsArg >= 0 ? Number(args[seedsArg + 1]) : 2 }, (_, i) => i + 1);
const python = join(root, '.venv/bin/python');
const tiny = join(root, '.cache/tiny');
const deep = join(root, '.cache/bench-deep');
const SHAPE = { layers: 16, hidden: 128, ffn: 384 };
const env = { ...process.env, HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', PYTHONUNBUFFERED: '1' };

if (!existsSync(join(tiny, 'model/config.json')))
  execFileSync(python, [join(root, 'scripts/tiny_model/build.py'), '--out', tiny], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
execFileSync(
  python,
  [
    join(root, 'scripts/tiny_deep/build.py'),
    '--base',
    tiny,
    '--out',
    deep,
    '--layers',
    `${SHAPE.layers}`,
    '--hidden',
    `${SHAPE.hidden}`,
    '--ffn',
    `${SHAPE.ffn}`,
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env },
);

const dir = mkdtempSync(join(tmpdir(), 'seedstudy-bench-prefix-'));
const data = join(dir, 'data');
mkdirSync(data);
const head = (split, n) =>
  readFileSync(join(deep, 'data', `${split}.jsonl`), 'utf8')
    .split('\n')
    .slice(0, n)
    .join('\n') + '\n';
writeFileSync(join(data, 'train.jsonl'), head('train', 40)); // 10 batches: 30 iterations are 3 epochs
writeFileSync(join(data, 'valid.jsonl'), head('valid', 8));
const config = (seed, iters = 30) => {
  const file = join(dir, `seed-${seed}-${iters}.yaml`);
  writeFileSync(
    file,
    [
      `model: ${JSON.stringify(join(deep, 'model'))}`,
      `data: ${JSON.stringify(data)}`,
      'train: true',
      `seed: ${seed}`,
      `num_layers: ${SHAPE.layers / 4}`,
      'batch_size: 4',
      `iters: ${iters}`,
      'save_every: 15',
      'steps_per_report: 10',
      'steps_per_eval: 15',
      'val_batches: -1',
      'max_seq_length: 128',
      'learning_rate: 1.0e-4',
    ].join('\n') + '\n',
  );
  return file;
};

function timed(argv) {
  const t0 = performance.now();
  const r = spawnSync(python, argv, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${argv.join(' ')} exited ${r.status}`);
  }
  return seconds;
}
const hashes = (adapters) =>
  Object.fromEntries(
    readdirSync(adapters)
      .filter((f) => f.endsWith('.safetensors'))
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(adapters, f)))
          .digest('hex'),
      ]),
  );

const trainer = join(root, 'scripts/prefix_cache_trainer.py');
const cache = join(dir, 'cache');
const buildS = timed([trainer, 'build', '--cache', cache, '--config', config(seeds[0])]);
const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8'));
// Warm-up, not timed: mlx compiles (and caches on disk) its fused CPU kernels the first time it sees a
// shape, which would otherwise be charged to whichever trainer runs first. 10 iterations see every batch.
timed(['-m', 'mlx_lm', 'lora', '--config', config(0, 10), '--adapter-path', join(dir, 'warm-ref')]);
timed([trainer, 'train', '--cache', cache, '--config', config(0, 10), '--adapter-path', join(dir, 'warm-pc')]);
const ref = [];
const pc = [];
let identical = true;
for (const seed of seeds) {
  // Alternate the order so a change in machine load hits both trainers alike.
  const refDir = join(dir, `ref-${seed}`);
  const pcDir = join(dir, `pc-${seed}`);
  const runRef = () => ref.push(timed(['-m', 'mlx_lm', 'lora', '--config', config(seed), '--adapter-path', refDir]));
  const runPc = () =>
    pc.push(timed([trainer, 'train', '--cache', cache, '--config', config(seed), '--adapter-path', pcDir]));
  if (seed % 2) {
    runRef();
    runPc();
  } else {
    runPc();
    runRef();
  }
  identical &&= JSON.stringify(hashes(refDir)) === JSON.stringify(hashes(pcDir));
  console.error(`seed ${seed}: mlx_lm lora ${ref.at(-1).toFixed(1)} s, prefix-cache ${pc.at(-1).toFixed(1)} s`);
}
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const perSeedRatio = sum(pc) / sum(ref);
const amortised = (n) => (buildS + n * (sum(pc) / pc.length)) / (n * (sum(ref) / ref.length));
const details = {
  model: `${SHAPE.layers} layers, hidden ${SHAPE.hidden}, LoRA on ${SHAPE.layers / 4}`,
  seeds: seeds.length,
  mlx_lm_lora_s: ref.map((s) => +s.toFixed(2)),
  prefix_cache_s: pc.map((s) => +s.toFixed(2)),
  cache_build_s: +buildS.toFixed(2),
  cache_bytes: manifest.bytes,
  cache_batches: manifest.batches,
  checkpoints_identical: identical,
};
const line = (metric, value, unit, target, pass, extra = {}) =>
  console.log(
    JSON.stringify({ bench: 'prefix-cache', metric, value: +value.toFixed(3), unit, target, pass, ...extra }),
  );
line(
  'per-seed time, prefix-cache / mlx_lm lora',
  perSeedRatio,
  'ratio',
  '<= 0.5',
  identical && perSeedRatio <= 0.5,
  details,
);
line(`with the cache build amortised over ${seeds.length} seeds`, amortised(seeds.length), 'ratio', 'report', true);
line('with the cache build amortised over 20 seeds (extrapolated)', amortised(20), 'ratio', 'report', true);
line('cache build time', buildS, 's', 'report', true);
line('cache size', manifest.bytes, 'bytes', 'report', true);
