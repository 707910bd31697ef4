import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { didYouMean } from './did-you-mean.js';
import { seedSetDir } from './repo-root.js';

/** A seed set file: shared, named lists of seeds so studies stay comparable with each other. */
export const seedSetFileSchema = z.strictObject({
  description: z.string().optional(),
  seeds: z.array(z.number().int().min(0)).min(1),
});

/** Where a seed value was written, for error messages. */
export interface SeedSetOrigin {
  file: string;
  line?: number;
}

/** Reads a named seed set from `seeds/<name>.yaml` of the installation; unknown names get a did-you-mean. */
export async function readSeedSet(name: string, origin: SeedSetOrigin, dir: string = seedSetDir): Promise<number[]> {
  const available = await listSeedSets(dir);
  if (!/^[A-Za-z0-9._-]+$/.test(name) || !available.includes(name)) {
    const guess = didYouMean(name, available);
    throw new UserError(`unknown seed set "${name}"`, {
      ...origin,
      keyPath: 'seeds',
      fix: guess
        ? `did you mean \`${guess}\`?`
        : `use one of ${available.join(', ') || '(none installed)'} (files in ${dir}), or a list of seeds`,
    });
  }
  const file = join(dir, `${name}.yaml`);
  const parsed = seedSetFileSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success)
    throw new UserError('seed set file is malformed', {
      file,
      keyPath: 'seeds',
      fix: 'give `seeds:` as a list of distinct non-negative integers',
    });
  return parsed.data.seeds;
}

/** Names of the installed seed sets, sorted. */
export async function listSeedSets(dir: string = seedSetDir): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}
