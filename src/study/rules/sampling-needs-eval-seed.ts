import type { StudyRule } from './rule.js';

/** With temperature > 0 generations are random; without a seed, re-evaluating a checkpoint gives different scores. */
export const samplingNeedsEvalSeed: StudyRule = ({ study }) =>
  study.eval.temperature > 0 && study.eval.eval_seed === undefined
    ? {
        path: ['eval', 'temperature'],
        message: `temperature ${study.eval.temperature} samples at random but eval.eval_seed is not set`,
        fix: 'add `eval_seed: 0` under `eval:` (or set temperature: 0 for greedy decoding)',
      }
    : undefined;
