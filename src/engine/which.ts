import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * Finds an executable on PATH without spawning `which` (absent on minimal images), so
 * doctor can look for g++, sbatch and chromium in a few milliseconds.
 */
export async function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    const ok = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok) return candidate;
  }
  return undefined;
}
