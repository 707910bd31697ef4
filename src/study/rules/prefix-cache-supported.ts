import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readInstalledVersion } from '../../engine/installed-version.js';
import { resolvePython } from '../../engine/python.js';
import { trainerOf } from '../executor-schema.js';
import { mlxLoraDefaults } from '../mlx-defaults.js';
import { layerCount } from './model-layers.js';
import { armSuffix, type RuleViolation, type StudyRule } from './rule.js';

/** The mlx-lm release the prefix-cache trainer copies and was verified against (scripts/prefix_cache_trainer.py). */
export const PREFIX_CACHE_MLX_LM = '0.32.2';
/** Model classes whose forward pass the trainer splits at a layer (embed, a causal mask, the layers, the norm). */
export const PREFIX_CACHE_MODEL_TYPES: readonly string[] = ['qwen3', 'qwen3_moe'];

const FIX_TRAINER = 'or set executor.trainer: mlx-lm (the default)';

/**
 * `executor.trainer: prefix-cache` promises checkpoints identical to `mlx_lm lora`; every setting where
 * that cannot hold is refused here, with its reason, instead of training differently or falling back.
 */
export const prefixCacheSupported: StudyRule = async (context) => {
  const { study } = context;
  if (trainerOf(study) !== 'prefix-cache') return undefined;
  const violations: RuleViolation[] = [];
  const at = ['executor', 'trainer'];
  if (study.engine.lora_command && study.engine.lora_command.length > 0)
    violations.push({
      path: ['engine', 'lora_command'],
      message: 'the prefix-cache trainer replaces `mlx_lm lora`, so it cannot run a custom lora_command',
      fix: `remove engine.lora_command, ${FIX_TRAINER}`,
    });
  const config = await readFile(join(study.model, 'config.json'), 'utf8')
    .then((t) => JSON.parse(t) as Record<string, unknown>)
    .catch(() => undefined); // a missing or bad config is the model rule's problem
  const layers = config ? layerCount(config) : undefined;
  const modelType = typeof config?.model_type === 'string' ? config.model_type : undefined;
  if (config && (modelType === undefined || !PREFIX_CACHE_MODEL_TYPES.includes(modelType)))
    violations.push({
      path: at,
      message: `the prefix-cache trainer supports model_type ${PREFIX_CACHE_MODEL_TYPES.join(' and ')}; this model is ${modelType ?? 'of unknown type'}`,
      fix: `use a supported model, ${FIX_TRAINER}`,
    });
  for (const arm of context.arms) {
    const where = armSuffix(context, arm);
    const t = arm.train;
    const numLayers = t.num_layers ?? mlxLoraDefaults.num_layers;
    if (numLayers === -1 || (layers !== undefined && numLayers >= layers))
      violations.push({
        path: arm.pathOf('num_layers'),
        message: `LoRA on all layers leaves no frozen layers to cache, so the prefix-cache trainer saves nothing${where}`,
        fix: `set num_layers below the model's ${layers ?? ''} layers, ${FIX_TRAINER}`.replace('  ', ' '),
      });
    if (t.fine_tune_type !== undefined && t.fine_tune_type !== 'lora')
      violations.push({
        path: arm.pathOf('fine_tune_type'),
        message: `the prefix-cache trainer is verified for LoRA only, not ${t.fine_tune_type}${where}`,
        fix: `use fine_tune_type: lora, ${FIX_TRAINER}`,
      });
    if (t.shuffle_train_per_seed)
      violations.push({
        path: arm.pathOf('shuffle_train_per_seed'),
        message: `shuffle_train_per_seed gives every seed different batches, so no activation is shared between seeds${where}`,
        fix: `remove shuffle_train_per_seed, ${FIX_TRAINER}`,
      });
    if (t.grad_checkpoint)
      violations.push({
        path: arm.pathOf('grad_checkpoint'),
        message: `grad_checkpoint is not supported by the prefix-cache trainer${where}`,
        fix: `remove grad_checkpoint, ${FIX_TRAINER}`,
      });
  }
  const version = await readInstalledVersion(resolvePython(study).path, 'mlx_lm');
  if (version !== null && version !== PREFIX_CACHE_MLX_LM)
    violations.push({
      path: at,
      message: `the prefix-cache trainer is verified against mlx-lm ${PREFIX_CACHE_MLX_LM} only; the study's Python has mlx-lm ${version}`,
      fix: `install mlx-lm==${PREFIX_CACHE_MLX_LM} in that environment, ${FIX_TRAINER}`,
    });
  return violations;
};
