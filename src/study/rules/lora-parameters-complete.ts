import { armSuffix, type StudyRule } from './rule.js';

/** mlx-lm replaces its lora_parameters default as a whole: a missing key is a KeyError at start-up. */
export const loraParametersComplete: StudyRule = (context) => {
  for (const arm of context.arms) {
    const lora = arm.train.lora_parameters;
    if (!lora) continue;
    const missing = (['rank', 'scale', 'dropout'] as const).filter((key) => lora[key] === undefined);
    if (missing.length > 0) {
      return {
        path: arm.pathOf('lora_parameters'),
        message: `lora_parameters lacks ${missing.join(', ')}${armSuffix(context, arm)}`,
        fix: 'give rank, scale and dropout in train.lora_parameters (an arm may then override any of them)',
      };
    }
  }
  return undefined;
};
