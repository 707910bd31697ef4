import { didYouMean } from '../did-you-mean.js';
import { mlxLrSchedules } from '../mlx-lr-schedules.js';
import { armSuffix, type StudyRule } from './rule.js';

/** mlx-lm looks the schedule up by name only when training starts: an unknown name or arity fails every run. */
export const lrScheduleKnown: StudyRule = (context) => {
  for (const arm of context.arms) {
    const schedule = arm.train.lr_schedule;
    if (!schedule) continue;
    const path = arm.pathOf('lr_schedule');
    const known = mlxLrSchedules[schedule.name];
    if (!known) {
      const names = Object.keys(mlxLrSchedules);
      const guess = didYouMean(schedule.name, names);
      return {
        path: [...path, 'name'],
        message: `mlx-lm has no learning-rate schedule "${schedule.name}"${armSuffix(context, arm)}`,
        fix: `${guess ? `did you mean \`${guess}\`? ` : ''}use one of ${names.join(', ')}`,
      };
    }
    const n = schedule.arguments.length;
    if (n < known.min || n > known.max) {
      const wanted = known.min === known.max ? `${known.min}` : `${known.min} to ${known.max}`;
      return {
        path: [...path, 'arguments'],
        message: `lr_schedule ${schedule.name} takes ${wanted} arguments, not ${n}${armSuffix(context, arm)}`,
        fix: `give the arguments of ${known.signature}, in that order`,
      };
    }
  }
  return undefined;
};
