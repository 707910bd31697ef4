import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { repoRoot } from '../study/repo-root.js';

/** Where the chosen interpreter came from, so doctor can say which setting to change. */
export type PythonSource = 'env' | 'study' | 'venv' | 'user-venv';

/** The Python interpreter that runs mlx-lm, and why it was chosen. */
export interface ResolvedPython {
  /** Absolute path, or a bare command name looked up in PATH (e.g. `python3`). */
  path: string;
  source: PythonSource;
}

/** The installation's own venv (a source checkout's `.venv`, made by `npm test` or `seedstudy setup`). */
export const projectVenvPython: string = join(repoRoot, '.venv', 'bin', 'python');

/**
 * The per-user venv an installed seedstudy uses (`$XDG_DATA_HOME/seedstudy/venv`, default
 * `~/.local/share/seedstudy/venv`): a package installed with `npm install -g` must not keep its
 * environment inside its own, possibly root-owned, directory that the next install replaces.
 */
export function userVenvDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME;
  const data = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(data, 'seedstudy', 'venv');
}

/**
 * Where `seedstudy setup` creates the venv: the installation's `.venv` when it exists or the
 * installation is a source checkout (it has `.git`), else the per-user venv.
 */
export function setupVenvDir(env: NodeJS.ProcessEnv = process.env, root: string = repoRoot): string {
  const project = join(root, '.venv');
  return existsSync(project) || existsSync(join(root, '.git')) ? project : userVenvDir(env);
}

/**
 * Picks the Python for mlx-lm: env `SEEDSTUDY_PYTHON` (relative to the cwd; one machine's
 * override of whatever the study says), else the study's `engine.python` (relative to the
 * study file), else `<installation>/.venv/bin/python` when it exists, else the per-user venv's.
 * One resolution rule for every stage, so training, evaluation and doctor never disagree.
 */
export function resolvePython(
  study?: { file: string; engine: { python?: string | undefined } },
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  root: string = repoRoot,
): ResolvedPython {
  if (env.SEEDSTUDY_PYTHON) return { path: resolveCommand(env.SEEDSTUDY_PYTHON, cwd), source: 'env' };
  if (study?.engine.python) return { path: resolveCommand(study.engine.python, dirname(study.file)), source: 'study' };
  const project = join(root, '.venv', 'bin', 'python');
  if (existsSync(project)) return { path: project, source: 'venv' };
  return { path: join(userVenvDir(env), 'bin', 'python'), source: 'user-venv' };
}

/** A value with a slash is a path (made absolute, `~/` = home); a bare name stays a PATH lookup. */
function resolveCommand(value: string, base: string): string {
  if (value.startsWith('~/')) return join(homedir(), value.slice(2));
  return isAbsolute(value) || value.includes('/') ? resolve(base, value) : value;
}
