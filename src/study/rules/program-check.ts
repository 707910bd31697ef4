import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { findExecutable } from '../../engine/which.js';

/** Why a program named in the study cannot be started, or undefined when it can. */
export type ProgramProblem = 'not found on PATH' | 'not found' | 'not a file' | 'not executable';

/**
 * Checks a program the way it is started at run time: a name with a slash is a path (relative
 * to `cwd`), a bare name is looked up in PATH. `lookUpPath: false` skips bare names (Slurm nodes
 * may have another PATH).
 */
export async function programProblem(
  program: string,
  cwd: string,
  options: { lookUpPath?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ProgramProblem | undefined> {
  if (!program.includes('/')) {
    if (options.lookUpPath === false) return undefined;
    return (await findExecutable(program, options.env)) ? undefined : 'not found on PATH';
  }
  const path = isAbsolute(program) ? program : resolve(cwd, program);
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'not found';
  if (!info.isFile()) return 'not a file';
  return (await access(path, constants.X_OK).then(
    () => true,
    () => false,
  ))
    ? undefined
    : 'not executable';
}
