import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The kinds of scratch directory the eval stage makes under the system temp dir. */
export type EvalTempKind = 'eval' | 'fuse';

/** True when the process exists (EPERM: someone else's); as launch/pid-alive.ts, kept local to this stage. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories of the old naming (no pid) this much older than now are leftovers of a killed process. */
const LEGACY_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * Makes `<tmp>/seedstudy-<kind>-<pid>-XXXXXX`: the owner's pid in the name lets a later eval remove
 * what a SIGKILLed process could not (its `finally` never ran) without touching a live one's.
 */
export function makeEvalTempDir(kind: EvalTempKind): Promise<string> {
  return mkdtemp(join(tmpdir(), `seedstudy-${kind}-${process.pid}-`));
}

/**
 * Removes scratch directories left by dead processes (pid in the name not alive) and, for the old
 * naming without a pid, ones untouched for a day; returns the paths removed. Best effort: a
 * directory that cannot be inspected or removed is left alone.
 */
export async function removeStaleEvalTempDirs(root = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const m = /^seedstudy-(?:eval|fuse)-(?:(\d+)-)?[A-Za-z0-9]{6}$/.exec(name);
    if (!m) continue;
    const path = join(root, name);
    const pid = m[1] === undefined ? undefined : Number(m[1]);
    if (pid !== undefined) {
      if (pid === process.pid || alive(pid)) continue;
    } else {
      const info = await stat(path).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs < LEGACY_MAX_AGE_MS) continue;
    }
    await rm(path, { recursive: true, force: true }).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}
