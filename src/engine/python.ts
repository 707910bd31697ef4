import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { repoRoot } from '../study/repo-root.js';

/** Where the chosen interpreter came from, so doctor can say which setting to change. */
export type PythonSource = 'study' | 'env' | 'venv';

/** The Python interpreter that runs mlx-lm, and why it was chosen. */
export interface ResolvedPython {
  /** Absolute path, or a bare command name looked up in PATH (e.g. `python3`). */
  path: string;
  source: PythonSource;
}

/** The project's own virtual environment, created by `seedstudy setup`. */
export const projectVenvPython: string = join(repoRoot, '.venv', 'bin', 'python');

/**
 * Picks the Python for mlx-lm: the study's `engine.python` (relative to the study file),
 * else env `SEEDSTUDY_PYTHON` (relative to the cwd), else `<repo>/.venv/bin/python`. One
 * resolution rule for every stage, so training, evaluation and doctor never disagree.
 */
export function resolvePython(
  study?: { file: string; engine: { python?: string | undefined } },
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): ResolvedPython {
  if (study?.engine.python) return { path: resolveCommand(study.engine.python, dirname(study.file)), source: 'study' };
  if (env.SEEDSTUDY_PYTHON) return { path: resolveCommand(env.SEEDSTUDY_PYTHON, cwd), source: 'env' };
  return { path: projectVenvPython, source: 'venv' };
}

/** A value with a slash is a path (made absolute, `~/` = home); a bare name stays a PATH lookup. */
function resolveCommand(value: string, base: string): string {
  if (value.startsWith('~/')) return join(homedir(), value.slice(2));
  return isAbsolute(value) || value.includes('/') ? resolve(base, value) : value;
}
