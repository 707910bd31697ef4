import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Tool } from './require-tool.js';

/**
 * Test access to the tiny offline model built by scripts/tiny_model/build.py. Real mlx-lm
 * tests need a model that loads without network and trains in seconds; building it takes
 * minutes on a busy 2-core machine, so it is built once into <repo>/.cache/tiny and reused
 * (the script returns in ~0.2 s when its build-info.json is current).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(repoRoot, '.cache');
const tinyDir = path.join(cacheDir, 'tiny');

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

let pending: Promise<TinyModel> | undefined;

/**
 * Build (once) and return the tiny model. Safe when several test files call it at once:
 * calls in one process share a promise, and build.py serialises processes with an OS file
 * lock (released even if a builder is killed), re-checking freshness after waiting, so only
 * the first caller trains and the others return in about a second.
 */
export function ensureTinyModel(): Promise<TinyModel> {
  pending ??= build().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function build(): Promise<TinyModel> {
  const python = venvPython();
  await mkdir(cacheDir, { recursive: true });
  await execa(python, [path.join(repoRoot, 'scripts', 'tiny_model', 'build.py'), '--out', tinyDir], {
    env: offlineEnv(),
    timeout: 30 * 60_000,
  });
  return { dir: tinyDir, model: path.join(tinyDir, 'model'), data: path.join(tinyDir, 'data'), suite: path.join(tinyDir, 'suite.yaml') };
}
