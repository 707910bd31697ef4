import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The installed version of a Python distribution (e.g. `mlx_lm`), read from the
 * `*.dist-info` directory next to a venv interpreter, without starting Python (which takes
 * seconds with mlx). Returns null when the interpreter is not in a venv layout we recognise;
 * callers then treat the version as unknown.
 */
export async function readInstalledVersion(pythonPath: string, distribution: string): Promise<string | null> {
  if (!pythonPath.includes('/')) return null;
  const prefix = dirname(dirname(pythonPath));
  for (const libDir of ['lib', 'lib64']) {
    const pythons = await readdir(join(prefix, libDir)).catch(() => [] as string[]);
    for (const python of pythons.filter((p) => p.startsWith('python')).sort()) {
      const site = join(prefix, libDir, python, 'site-packages');
      const entries = await readdir(site).catch(() => [] as string[]);
      const normalised = distribution.replace(/-/g, '_').toLowerCase();
      const info = entries.find((e) => e.toLowerCase().startsWith(`${normalised}-`) && e.endsWith('.dist-info'));
      if (info) return info.slice(normalised.length + 1, -'.dist-info'.length);
    }
  }
  return null;
}
