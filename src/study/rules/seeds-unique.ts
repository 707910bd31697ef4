import type { StudyRule } from './rule.js';

/** Runs are paired by seed, so a repeated seed would silently weight one pair twice. */
export const seedsUnique: StudyRule = ({ study, source }) => {
  const firstIndex = new Map<number, number>();
  for (const [i, seed] of study.seeds.entries()) {
    const earlier = firstIndex.get(seed);
    if (earlier !== undefined) {
      const written = Array.isArray((source.data as { seeds?: unknown }).seeds);
      return {
        path: written ? ['seeds', i] : ['seeds'],
        message: `seed ${seed} is listed twice${written ? ` (seeds[${earlier}] and seeds[${i}])` : ''}`,
        fix: 'list each seed once: runs are paired by seed across arms',
      };
    }
    firstIndex.set(seed, i);
  }
  return undefined;
};
