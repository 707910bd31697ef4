import { mlxLoraDefaults } from '../mlx-defaults.js';
import { armSuffix, type StudyRule } from './rule.js';

/** mlx-lm writes the final weights only as adapters.safetensors unless iters is a multiple of save_every. */
export const itersMultipleOfSaveEvery: StudyRule = (context) => {
  for (const arm of context.arms) {
    const iters = arm.train.iters ?? mlxLoraDefaults.iters;
    const saveEvery = arm.train.save_every ?? mlxLoraDefaults.save_every;
    if (iters % saveEvery !== 0) {
      const lower = iters - (iters % saveEvery);
      const suggestions = [lower, lower + saveEvery].filter((n) => n > 0).join(' or ');
      return {
        path: arm.pathOf(arm.train.iters !== undefined ? 'iters' : 'save_every'),
        message: `iters ${iters} is not a multiple of save_every ${saveEvery}${arm.train.save_every === undefined ? " (mlx-lm's default)" : ''}${armSuffix(context, arm)}`,
        fix: `set iters to ${suggestions}, or change save_every: otherwise the final weights exist only as adapters.safetensors and the last checkpoint can't be evaluated like the others`,
      };
    }
  }
  return undefined;
};
