import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Newest mtime of any .ts file under `dir`. */
function newestTs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestTs(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

/**
 * Tests that run the compiled CLI (`node bin/seedstudy.js`: Slurm tasks, the documented commands)
 * need dist/ to match src/: rebuild it when any source file is newer than `marker` (a path under
 * dist/), then fail loudly if `marker` still does not exist. The build emits even when someone
 * else's in-progress file has a type error, so the commands exist.
 */
export async function ensureFreshDist(marker: string): Promise<void> {
  const file = join(repo, 'dist', marker);
  let built = 0;
  try {
    built = statSync(file).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newestTs(join(repo, 'src'))) await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, reject: false, timeout: 600_000 });
  statSync(file);
}
