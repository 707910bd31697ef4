import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../study/repo-root.js';
import type { DoctorCheck, DoctorReport } from './check.js';
import { probePython } from './probe-python.js';
import { resolvePython, type ResolvedPython } from './python.js';
import { findExecutable } from './which.js';

const minimumNode = [20, 19] as const;
const setupFix =
  'run `seedstudy setup` (creates the venv with a pinned mlx-lm), ' +
  'or point SEEDSTUDY_PYTHON / engine.python at a Python with mlx-lm';
const sourceNames: Record<ResolvedPython['source'], string> = {
  env: 'SEEDSTUDY_PYTHON',
  study: "the study's engine.python",
  venv: "the installation's .venv",
  'user-venv': 'the per-user venv',
};

/** Where the tiny test model is built (`scripts/tiny_model/build.py --out .cache/tiny`). */
export const tinyModelDir: string = join(repoRoot, '.cache', 'tiny', 'model');

/**
 * Everything seedstudy needs from the machine, checked in one pass so a user fixes all of
 * it at once: Node, the Python with mlx and mlx-lm and its backend, g++ (mx.compile on
 * Linux CPU), and the optional pieces (tiny model, sbatch, chromium).
 */
export async function runDoctor(
  python: ResolvedPython = resolvePython(),
  platform: NodeJS.Platform = process.platform,
): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [nodeCheck()];
  const probe = await probePython(python.path);
  const where = `${python.path} (from ${sourceNames[python.source]})`;
  if (typeof probe === 'string') {
    checks.push({ name: 'python', ok: false, required: true, detail: `${where}: ${probe}`, fix: setupFix });
  } else {
    checks.push({ name: 'python', ok: true, required: true, detail: `${probe.python} at ${where}` });
    checks.push({
      name: 'mlx',
      ok: probe.mlx !== null && probe.mlxError === null,
      required: true,
      detail: probe.mlxError ?? probe.mlx ?? 'not installed',
      fix: setupFix,
    });
    checks.push({
      name: 'mlx-lm',
      ok: probe.mlxLm !== null,
      required: true,
      detail: probe.mlxLm ?? 'not installed',
      fix: setupFix,
    });
    if (probe.mlxError === null && probe.mlx !== null) {
      const backend = probe.metal ? 'metal' : probe.cuda ? 'cuda' : 'cpu';
      checks.push({
        name: 'backend',
        ok: true,
        required: true,
        detail: `${backend} (default device ${probe.defaultDevice})`,
      });
    }
  }
  if (platform === 'linux') {
    const gpp = await findExecutable('g++');
    checks.push({
      name: 'g++',
      ok: gpp !== undefined,
      required: false,
      detail: gpp ?? 'not on PATH',
      fix: "install g++ (e.g. `apt-get install g++`): MLX's CPU backend needs it to compile fused kernels; without it training runs, but slower",
    });
  }
  const tiny = await stat(join(tinyModelDir, 'config.json')).then(
    () => true,
    () => false,
  );
  checks.push({
    name: 'tiny model',
    ok: tiny,
    required: false,
    detail: tiny ? tinyModelDir : 'not built',
    fix: 'built on demand by the tests, or now with `.venv/bin/python scripts/tiny_model/build.py --out .cache/tiny`',
  });
  const sbatch = await findExecutable('sbatch');
  checks.push({
    name: 'slurm (sbatch)',
    ok: sbatch !== undefined,
    required: false,
    detail: sbatch ?? 'not on PATH',
    fix: 'only needed for `executor: {kind: slurm}`: run seedstudy on a Slurm login node',
  });
  const chromium = await findChromium();
  checks.push({
    name: 'chromium',
    ok: chromium !== undefined,
    required: false,
    detail: chromium ?? 'not found',
    fix: 'optional, for rendering reports in a browser engine: `npx playwright-core install chromium`',
  });
  return { ok: checks.every((c) => c.ok || !c.required), checks };
}

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
  return {
    name: 'node',
    ok,
    required: true,
    detail: process.versions.node,
    fix: `install Node ${minimumNode.join('.')} or newer`,
  };
}

async function findChromium(): Promise<string | undefined> {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = await findExecutable(name);
    if (found) return found;
  }
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  const entry = (await readdir(cache).catch(() => [] as string[])).find((e) => e.startsWith('chromium'));
  return entry ? join(cache, entry) : undefined;
}
