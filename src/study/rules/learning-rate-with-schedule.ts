import { armSuffix, type StudyRule } from './rule.js';

/**
 * mlx-lm ignores `learning_rate` when `lr_schedule` is set, so two arms differing only in
 * learning_rate would silently train the same way and their comparison would be noise.
 */
export const learningRateWithSchedule: StudyRule = (context) => {
  for (const arm of context.arms) {
    if (arm.train.lr_schedule && arm.train.learning_rate !== undefined) {
      return {
        path: arm.pathOf('learning_rate'),
        message: `learning_rate is ignored by mlx-lm because lr_schedule is set${armSuffix(context, arm)}`,
        fix: 'remove learning_rate and put the rate in lr_schedule.arguments (e.g. cosine_decay: [peak, steps, end])',
      };
    }
  }
  return undefined;
};
