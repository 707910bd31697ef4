import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFreshDist } from './fresh-dist.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The seedstudy CLI as tests spawn it: `node bin/seedstudy.js`, the compiled CLI a user runs. A command
 * costs about 0.4 s of CPU this way against 1 s from source through vite-node, and the unit tier builds
 * dist/ once for every file that uses it. Call ensureBuiltCli in the file's beforeAll.
 */
export const SEEDSTUDY = [process.execPath, join(repo, 'bin', 'seedstudy.js')] as const;

/** Rebuilds dist/ when src/ is newer, so SEEDSTUDY runs the current source. */
export function ensureBuiltCli(): Promise<void> {
  return ensureFreshDist(join('cli', 'main.js'));
}
