import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The seedstudy installation's root (where seeds/, scripts/ and .venv/ live), found from
 * this module's location (src/study or dist/study), never from the cwd: users run
 * seedstudy from their own project directories.
 */
export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Directory of the named seed sets (`seeds/standard-8.yaml` ...). */
export const seedSetDir: string = join(repoRoot, 'seeds');
