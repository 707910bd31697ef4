import { mlxLoraDefaults } from '../mlx-defaults.js';
import { armSuffix, type ArmView, type RuleContext, type StudyRule } from './rule.js';

function savedSteps(arm: ArmView): { iters: number; saveEvery: number } {
  return {
    iters: arm.train.iters ?? mlxLoraDefaults.iters,
    saveEvery: arm.train.save_every ?? mlxLoraDefaults.save_every,
  };
}

function badStep(context: RuleContext, step: number): string | undefined {
  for (const arm of context.arms) {
    const { iters, saveEvery } = savedSteps(arm);
    if (step > iters) return `step ${step} is after the last step ${iters}${armSuffix(context, arm)}`;
    if (step % saveEvery !== 0)
      return `step ${step} is not saved: checkpoints are written every ${saveEvery} steps${armSuffix(context, arm)}`;
  }
  return undefined;
}

/** The pre-registered headline checkpoint must be one that every arm actually writes. */
export const analysisCheckpointSaved: StudyRule = (context) => {
  const match = /^step=(\d+)$/.exec(context.study.analysis.checkpoint);
  if (!match) return undefined;
  const step = Number(match[1]);
  if (step === 0)
    return context.study.eval.include_base
      ? undefined
      : {
          path: ['analysis', 'checkpoint'],
          message: 'step=0 is the base model, but eval.include_base is false',
          fix: 'set eval.include_base: true or choose a saved step',
        };
  const problem = badStep(context, step);
  return problem
    ? {
        path: ['analysis', 'checkpoint'],
        message: problem,
        fix: 'choose a multiple of save_every no larger than iters, or `final`',
      }
    : undefined;
};

/** Evaluating a step that is never saved would silently evaluate nothing. */
export const evalCheckpointsSaved: StudyRule = (context) => {
  const selection = context.study.eval.checkpoints;
  if (Array.isArray(selection)) {
    for (const [i, step] of selection.entries()) {
      const problem = badStep(context, step);
      if (problem)
        return {
          path: ['eval', 'checkpoints', i],
          message: problem,
          fix: 'list only multiples of save_every no larger than iters',
        };
    }
  } else if (typeof selection === 'object') {
    for (const arm of context.arms) {
      const { iters, saveEvery } = savedSteps(arm);
      if (selection.every > iters) {
        return {
          path: ['eval', 'checkpoints', 'every'],
          message: `every ${selection.every} selects no checkpoint: the last step is ${iters}${armSuffix(context, arm)}`,
          fix: `use a multiple of ${saveEvery} no larger than ${iters}, or \`all\``,
        };
      }
      if (selection.every % saveEvery !== 0) {
        return {
          path: ['eval', 'checkpoints', 'every'],
          message: `every ${selection.every} is not a multiple of save_every ${saveEvery}${armSuffix(context, arm)}`,
          fix: `use a multiple of ${saveEvery}, e.g. every: ${saveEvery * Math.max(1, Math.round(selection.every / saveEvery))}`,
        };
      }
    }
  }
  return undefined;
};
