import { execa } from 'execa';

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

/**
 * Asks the training interpreter for its Python, mlx and mlx-lm versions without importing mlx
 * (package metadata only, so it takes tens of milliseconds). Unknown versions are null, never
 * an error: a missing engine shows up as a failed run with its own message.
 */
export async function probeEngineVersions(python: string | undefined): Promise<EngineVersions> {
  const unknown: EngineVersions = { python: null, mlx: null, mlxLm: null };
  if (!python) return unknown;
  const result = await execa(python, ['-c', PROBE], { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) return unknown;
  try {
    const parsed = JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '') as Partial<EngineVersions>;
    return { python: parsed.python ?? null, mlx: parsed.mlx ?? null, mlxLm: parsed.mlxLm ?? null };
  } catch {
    return unknown;
  }
}
