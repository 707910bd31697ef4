#!/usr/bin/env node
// Bench: the eval worker (one process, base model loaded once, LoRA weights swapped per checkpoint)
// against the naive loop most users write: `python -m mlx_lm generate --adapter-path STAGED ...`
// once per prompt per checkpoint, with a staged adapter dir per checkpoint. Same prompts, greedy,
// same chat-template args; the outputs must be identical. Target: worker >= 10x faster on the tiny model.
// Prints one JSON line: {"bench","metric","value","unit","target","pass"} (+ details).
//
// Usage: node scripts/bench/eval-worker.mjs [--prompts N] [--batch-size B] (default: the whole tiny suite, 27 prompts; batch 8)
// Measured 2026-11-24 on the shared 2-core box: 39.8x (27 prompts x 2 checkpoints, worker 2.9 s vs naive 115 s), outputs identical.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const promptCount = args.includes('--prompts') ? Number(args[args.indexOf('--prompts') + 1]) : Infinity;
// The study default (eval.batch_size: 8): greedy prompts generated together; --batch-size 1 = one by one.
const batchSize = args.includes('--batch-size') ? Number(args[args.indexOf('--batch-size') + 1]) : 8;
const python = join(root, '.venv/bin/python');
const tiny = process.env.SEEDSTUDY_TINY_DIR ? resolve(process.env.SEEDSTUDY_TINY_DIR) : join(root, '.cache/tiny');
const env = { ...process.env, HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1', NO_COLOR: '1' };
if (!existsSync(join(tiny, 'model/config.json'))) execFileSync(python, [join(root, 'scripts/tiny_model/build.py'), '--out', tiny], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'seedstudy-bench-eval-'));
const adapters = join(dir, 'adapters');
const model = join(tiny, 'model');
const chatTemplateArgs = { enable_thinking: false };
writeFileSync(join(dir, 'lora.yaml'), JSON.stringify({
  model, data: join(tiny, 'data'), train: true, seed: 0, adapter_path: adapters, iters: 4, save_every: 2, batch_size: 4, num_layers: -1,
  learning_rate: 5e-3, steps_per_eval: 1000, val_batches: 1, steps_per_report: 1000, max_seq_length: 512, lora_parameters: { rank: 4, scale: 20.0, dropout: 0.0 },
}));
execFileSync(python, ['-m', 'mlx_lm', 'lora', '--config', join(dir, 'lora.yaml')], { env, stdio: ['ignore', 'ignore', 'inherit'] });

const suite = parse(readFileSync(join(tiny, 'suite.yaml'), 'utf8'));
const prompts = suite.prompts.slice(0, promptCount).map((p) => ({ id: p.id, messages: p.messages ?? [{ role: 'user', content: p.prompt }], max_tokens: p.max_tokens ?? 40 }));
const checkpoints = [2, 4].map((step) => ({ step, file: join(adapters, `${String(step).padStart(7, '0')}_adapters.safetensors`) }));
const sha = (f) => execFileSync('sha256sum', [f], { encoding: 'utf8' }).split(' ')[0];

// The worker: one process for all checkpoints (no loss, to compare generation alone).
const job = {
  model, adapter_config: join(adapters, 'adapter_config.json'), checkpoints: checkpoints.map((c) => ({ ...c, sha256: sha(c.file) })), prompts,
  settings: { temperature: 0, top_p: 1, repeats: 1, batch_size: batchSize, chat_template_args: chatTemplateArgs, prompt_timeout_s: 120 }, loss: null,
};
writeFileSync(join(dir, 'job.json'), JSON.stringify(job));
// The machine may be shared (load varies over minutes): the worker runs before, between and after the
// two halves of the naive loop, and its median time is used.
const workerTimes = [];
let lines;
function runWorker() {
  const t0 = performance.now();
  const w = spawnSync(python, [join(root, 'scripts/eval_worker.py'), join(dir, 'job.json')], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  workerTimes.push((performance.now() - t0) / 1000);
  if (w.status !== 0) throw new Error(`worker failed: ${w.stderr.slice(-2000)}`);
  lines = w.stdout.trim().split('\n').map((l) => JSON.parse(l));
}
runWorker();
const workerOut = new Map(lines.filter((l) => l.type === 'generation').map((g) => [`${g.step}/${g.prompt_id}`, g.output]));
const modelLoads = lines.find((l) => l.type === 'worker_info').model_loads;

// The naive loop: a staged adapter dir per checkpoint, one `mlx_lm generate` per prompt.
const mismatches = [];
let naiveS = 0;
for (const c of checkpoints) {
  if (c !== checkpoints[0]) runWorker();
  const t0 = performance.now();
  const staged = join(dir, `staged-${c.step}`);
  mkdirSync(staged);
  copyFileSync(join(adapters, 'adapter_config.json'), join(staged, 'adapter_config.json'));
  symlinkSync(c.file, join(staged, 'adapters.safetensors'));
  for (const p of prompts) {
    const r = spawnSync(python, ['-m', 'mlx_lm', 'generate', '--model', model, '--adapter-path', staged, '--prompt', p.messages.at(-1).content,
      '--max-tokens', String(p.max_tokens), '--temp', '0', '--chat-template-config', JSON.stringify(chatTemplateArgs), '--verbose', 'False'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mlx_lm generate failed: ${r.stderr.slice(-2000)}`);
    const out = r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
    if (out !== workerOut.get(`${c.step}/${p.id}`)) mismatches.push({ step: c.step, prompt: p.id, naive: out, worker: workerOut.get(`${c.step}/${p.id}`) });
  }
  naiveS += (performance.now() - t0) / 1000;
}
runWorker();
const workerS = [...workerTimes].sort((a, b) => a - b)[Math.floor(workerTimes.length / 2)];
const ratio = naiveS / workerS;
console.log(JSON.stringify({
  bench: 'eval-worker', metric: 'speedup_vs_naive_generate_loop', value: Math.round(ratio * 10) / 10, unit: 'x', target: '>= 10',
  pass: ratio >= 10 && mismatches.length === 0,
  batch_size: batchSize, worker_s: Math.round(workerS * 100) / 100, worker_runs_s: workerTimes.map((t) => Math.round(t * 100) / 100), naive_s: Math.round(naiveS * 100) / 100, generations: prompts.length * checkpoints.length,
  outputs_identical: mismatches.length === 0, mismatches: mismatches.slice(0, 3), worker_model_loads: modelLoads,
}));
