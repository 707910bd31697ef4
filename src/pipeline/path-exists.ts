import { access } from 'node:fs/promises';

/** True when a path exists (any type); used for the optional files of the results store. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
