import type { StudyRule } from './rule.js';

/** The largest seed numpy accepts (`np.random.seed` takes 0 .. 2**32 - 1); mlx-lm seeds numpy with the run's seed. */
export const maxSeed = 2 ** 32 - 1;

/** A seed numpy rejects fails every run only after the trainer has started, so it is caught here. */
export const seedsInRange: StudyRule = ({ study, source }) => {
  const i = study.seeds.findIndex((seed) => seed < 0 || seed > maxSeed);
  if (i === -1) return undefined;
  const seed = study.seeds[i]!;
  const written = (source.data as { seeds?: unknown }).seeds;
  const path = Array.isArray(written)
    ? ['seeds', i]
    : typeof written === 'object' && written !== null
      ? ['seeds', 'start']
      : ['seeds'];
  return {
    path,
    message: `seed ${seed} is outside 0 .. ${maxSeed} (2^32 - 1), the range numpy's random seed accepts`,
    fix: `use seeds between 0 and ${maxSeed}`,
  };
};
