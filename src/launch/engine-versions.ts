import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { readInstalledVersion } from '../engine/installed-version.js';

/** Versions recorded in every run.json: results are only comparable across identical engines. */
export interface EngineVersions {
  python: string | null;
  mlx: string | null;
  mlxLm: string | null;
}

const PROBE = [
  'import json, platform',
  'from importlib.metadata import version',
  'def v(n):',
  '    try: return version(n)',
  '    except Exception: return None',
  'print(json.dumps({"python": platform.python_version(), "mlx": v("mlx"), "mlxLm": v("mlx-lm")}))',
].join('\n');

/** Versions read from a venv's files (pyvenv.cfg, *.dist-info) without starting Python; nulls when not a venv. */
async function readVenvVersions(python: string): Promise<EngineVersions> {
  const cfg = await readFile(join(dirname(dirname(python)), 'pyvenv.cfg'), 'utf8').catch(() => '');
  const version = /^version(?:_info)?\s*=\s*(\S+)/m.exec(cfg)?.[1] ?? null;
  const [mlx, mlxLm] = await Promise.all([readInstalledVersion(python, 'mlx'), readInstalledVersion(python, 'mlx_lm')]);
  return { python: version, mlx, mlxLm };
}

/**
 * Finds the training interpreter's Python, mlx and mlx-lm versions: from the venv's files when
 * it is a venv (no process), else by asking it (package metadata only, never importing mlx). Unknown
 * versions are null, never an error: a missing engine shows up as a failed run with its own message.
 */
export async function probeEngineVersions(python: string | undefined): Promise<EngineVersions> {
  const unknown: EngineVersions = { python: null, mlx: null, mlxLm: null };
  if (!python) return unknown;
  const fast = await readVenvVersions(python);
  if (fast.python && fast.mlx && fast.mlxLm) return fast;
  const result = await execa(python, ['-c', PROBE], { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) return unknown;
  try {
    const parsed = JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '') as Partial<EngineVersions>;
    return { python: parsed.python ?? null, mlx: parsed.mlx ?? null, mlxLm: parsed.mlxLm ?? null };
  } catch {
    return unknown;
  }
}
