import type { KeyPath } from './yaml-source.js';
import { mlxKeyPlace } from './mlx-config-keys.js';

/**
 * The fix for an mlx-lm config key written where the study has no such key (`learning_rate`
 * at the top level, `iters` under `eval`, `seed` under `train`): the place it belongs, from the
 * mapping table, instead of an edit-distance guess that may name a key of another meaning
 * (`test_batches` is not `val_batches`). Undefined for a key mlx-lm does not know either.
 */
export function mlxKeyFix(key: string, at: KeyPath): string | undefined {
  const place = mlxKeyPlace(key);
  if (!place) return undefined;
  if (place.kind === 'handled')
    return `\`${key}\` is an mlx-lm setting seedstudy handles itself: ${place.note}; remove it`;
  if (place.kind === 'top') return `move it to the top level of the study: \`${key}:\` (relative to the study file)`;
  const train = at[0] === 'arms' && typeof at[1] === 'number' ? `arms[${at[1]}].train` : 'train';
  return `\`${key}\` is an mlx-lm training setting: move it to \`${train}.${key}\``;
}
