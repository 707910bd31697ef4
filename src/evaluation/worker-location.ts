import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installation's root (the directory holding scripts/eval_worker.py), from src/ or dist/src/ alike. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'scripts', 'eval_worker.py'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find scripts/eval_worker.py above ' + fileURLToPath(import.meta.url));
}

/** argv of the eval worker; `SEEDSTUDY_EVAL_WORKER` (a JSON argv) replaces it, for fault-injection tests. */
export function workerArgv(python: string): string[] {
  const override = process.env.SEEDSTUDY_EVAL_WORKER;
  if (override) return JSON.parse(override) as string[];
  return [python, join(packageRoot(), 'scripts', 'eval_worker.py')];
}
