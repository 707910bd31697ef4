import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Tool } from './require-tool.js';

/**
 * Test access to the tiny offline models built by scripts/tiny_model/build.py. Real mlx-lm
 * tests need a model that loads without network and trains in seconds; building it takes
 * minutes on a busy 2-core machine, so it is built once into <repo>/.cache/tiny and reused
 * (the script returns in ~0.2 s when its build-info.json is current). The second model,
 * <repo>/.cache/tiny-moe, is the seed document's model class in miniature: a qwen3_moe
 * mixture of experts quantized to 4 bits, with the same tokenizer, data and suite.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(repoRoot, '.cache');
/** Output directory of each architecture's build. */
const tinyDirs = { qwen3: path.join(cacheDir, 'tiny'), qwen3_moe: path.join(cacheDir, 'tiny-moe') };
type TinyArch = keyof typeof tinyDirs;

/** Paths of the built tiny model: its root, the mlx model dir, the LoRA data dir and the eval suite. */
export interface TinyModel {
  dir: string;
  model: string;
  data: string;
  suite: string;
}

/** The project venv as a tool the real tier (`*.real.test.ts`) needs: see require-tool.ts. */
export const projectVenv: Tool = {
  name: 'the project venv (.venv/bin/python with mlx-lm)',
  available: existsSync(path.join(repoRoot, '.venv', 'bin', 'python')),
  install: 'bash scripts/setup-venv.sh',
};

/**
 * Absolute path of the project venv's python. Throws with the fix when it is missing,
 * because every real-engine test depends on it.
 */
export function venvPython(): string {
  const python = path.join(repoRoot, '.venv', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`No Python venv at ${python}. Create it with: bash scripts/setup-venv.sh`);
  }
  return python;
}

/** Environment for every mlx-lm child process in tests: offline, unbuffered. */
export function offlineEnv(): Record<string, string> {
  return { HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', PYTHONUNBUFFERED: '1', TOKENIZERS_PARALLELISM: 'false' };
}

const pending = new Map<TinyArch, Promise<TinyModel>>();

/**
 * Build (once) and return the tiny dense model. Safe when several test files call it at once:
 * calls in one process share a promise, and build.py serialises processes with an OS file
 * lock (released even if a builder is killed), re-checking freshness after waiting, so only
 * the first caller trains and the others return in about a second.
 */
export function ensureTinyModel(): Promise<TinyModel> {
  return ensure('qwen3');
}

/** Build (once, like ensureTinyModel) and return the tiny 4-bit quantized qwen3_moe model. */
export function ensureTinyMoeModel(): Promise<TinyModel> {
  return ensure('qwen3_moe');
}

function ensure(arch: TinyArch): Promise<TinyModel> {
  let promise = pending.get(arch);
  if (!promise) {
    promise = build(arch).catch((error: unknown) => {
      pending.delete(arch);
      throw error;
    });
    pending.set(arch, promise);
  }
  return promise;
}

async function build(arch: TinyArch): Promise<TinyModel> {
  const python = venvPython();
  const dir = tinyDirs[arch];
  await mkdir(cacheDir, { recursive: true });
  await execa(python, [path.join(repoRoot, 'scripts', 'tiny_model', 'build.py'), '--out', dir, '--arch', arch], {
    env: offlineEnv(),
    timeout: 30 * 60_000,
  });
  return { dir, model: path.join(dir, 'model'), data: path.join(dir, 'data'), suite: path.join(dir, 'suite.yaml') };
}

/** Output directory of the deep tiny model (scripts/tiny_deep/build.py) and its default shape. */
const deepDir = path.join(cacheDir, 'tiny-deep');
let pendingDeep: Promise<TinyModel> | undefined;

/**
 * Build (once, like ensureTinyModel) and return the deep tiny model: 8 float32 qwen3 layers with the tiny
 * model's tokenizer and data, for the prefix-cache trainer, whose frozen bottom needs depth to exist.
 * Built from the tiny model in about two seconds into <repo>/.cache/tiny-deep, under its own lock file.
 */
export function ensureTinyDeepModel(): Promise<TinyModel> {
  pendingDeep ??= (async () => {
    const tiny = await ensureTinyModel();
    const script = path.join(repoRoot, 'scripts', 'tiny_deep', 'build.py');
    await execa(venvPython(), [script, '--base', tiny.dir, '--out', deepDir], {
      env: offlineEnv(),
      timeout: 10 * 60_000,
    });
    const dir = deepDir;
    return { dir, model: path.join(dir, 'model'), data: path.join(dir, 'data'), suite: path.join(dir, 'suite.yaml') };
  })().catch((error: unknown) => {
    pendingDeep = undefined;
    throw error;
  });
  return pendingDeep;
}
