import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mlxLoraDefaults } from '../mlx-defaults.js';
import { cacheRepoFolderHint } from '../resolve-model-ref.js';
import { armSuffix, type StudyRule } from './rule.js';

/** Layer count from an HF-style config.json (multimodal models nest it in text_config). */
export function layerCount(config: unknown): number | undefined {
  const c = config as Record<string, unknown> | null;
  const value =
    c?.num_hidden_layers ?? c?.n_layers ?? (c?.text_config as Record<string, unknown> | undefined)?.num_hidden_layers;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * mlx-lm downloads a model whose path doesn't exist, and stops with "Requested to train 16
 * layers but the model only has 4" when num_layers (default 16) exceeds the model's blocks.
 */
export const modelLayers: StudyRule = async (context) => {
  const { study } = context;
  const miss = study.hfModel?.miss;
  if (miss) return { path: ['model'], message: miss.message, fix: miss.fix };
  const isDir = await stat(study.model).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const configText = isDir
    ? await readFile(join(study.model, 'config.json'), 'utf8').catch(() => undefined)
    : undefined;
  if (configText === undefined) {
    const hint = isDir ? await cacheRepoFolderHint(study.model) : undefined;
    if (hint) return { path: ['model'], ...hint };
    return {
      path: ['model'],
      message: isDir
        ? `no config.json in the model directory ${study.model}`
        : `model directory not found: ${study.model}`,
      fix: 'point `model:` (relative to the study file) at a local mlx model directory with config.json and *.safetensors; seedstudy never downloads models',
    };
  }
  let layers: number | undefined;
  try {
    layers = layerCount(JSON.parse(configText));
  } catch {
    return undefined; // unreadable config: mlx-lm will report it; the layer check is best effort
  }
  if (layers === undefined) return undefined;
  for (const arm of context.arms) {
    const requested = arm.train.num_layers ?? mlxLoraDefaults.num_layers;
    if (requested > layers) {
      const unset = arm.train.num_layers === undefined;
      return {
        path: arm.pathOf('num_layers'),
        message: `${unset ? `num_layers is not set, so mlx-lm uses ${requested}, but the model has only` : `num_layers ${requested} is more than the model's`} ${layers} layers${armSuffix(context, arm)}`,
        fix: `set num_layers to a number from 1 to ${layers}, or -1 for all layers`,
      };
    }
  }
  return undefined;
};
