import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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
 * Tests that run the compiled CLI (`node bin/seedstudy.js`: the CLI tests, Slurm tasks, the docs)
 * need dist/ to match src/: rebuild it when any source file is newer than `marker` (a path under
 * dist/), then fail loudly if `marker` still does not exist. The build emits even when someone
 * else's in-progress file has a type error, so the commands exist.
 */
export async function ensureFreshDist(marker: string): Promise<void> {
  const file = join(repo, 'dist', marker);
  const stale = () => mtime(file) < newestTs(join(repo, 'src'));
  if (stale()) {
    // test files running at once in several workers build once: the others wait, then find dist/ fresh
    await withBuildLock(async () => {
      if (!stale()) return;
      await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, reject: false, timeout: 600_000 });
    });
  }
  statSync(file);
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs `build` holding a lock directory (taken over when older than the build timeout). */
async function withBuildLock(build: () => Promise<void>): Promise<void> {
  const lock = join(repo, 'test-output', 'dist-build.lock');
  mkdirSync(join(repo, 'test-output'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - mtime(lock) > 600_000) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    await build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
