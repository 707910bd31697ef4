import type { StudyFile } from './schema.js';
import { readSeedSet } from './seed-sets.js';
import { lineAt, type YamlSource } from './yaml-source.js';

/** Turns any of the three `seeds` forms into the concrete list every arm shares. */
export async function resolveSeeds(seeds: StudyFile['seeds'], source: YamlSource, seedDir?: string): Promise<number[]> {
  if (Array.isArray(seeds)) return [...seeds];
  if (typeof seeds === 'object') return Array.from({ length: seeds.count }, (_, i) => seeds.start + i);
  return readSeedSet(seeds, { file: source.file, ...lineAt(source, ['seeds']) }, seedDir);
}
