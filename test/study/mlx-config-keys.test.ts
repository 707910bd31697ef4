import { describe, expect, it } from 'vitest';
import { mlxConfigKeys } from '../../src/study/mlx-config-keys.js';
import { trainSettingsSchema } from '../../src/study/schema.js';
import { configDefaultsKeys } from './mlx-config-defaults.js';

describe('the mlx-lm config key table', () => {
  it('classifies every key of mlx-lm 0.32.2 CONFIG_DEFAULTS', () => {
    expect(configDefaultsKeys).toHaveLength(30);
    expect(configDefaultsKeys.filter((key) => !(key in mlxConfigKeys))).toEqual([]);
  });

  it("maps into train: exactly the study's train settings (shuffle_train_per_seed is seedstudy's own)", () => {
    const trainKeys = Object.entries(mlxConfigKeys)
      .filter(([, place]) => place.kind === 'train')
      .map(([key]) => key);
    const schemaKeys = Object.keys(trainSettingsSchema.shape).filter((key) => key !== 'shuffle_train_per_seed');
    expect(trainKeys.sort()).toEqual(schemaKeys.sort());
  });

  it('sends seed to seeds:, and never calls test_batches a validation setting', () => {
    const note = (key: string) => {
      const place = mlxConfigKeys[key]!;
      return place.kind === 'handled' ? place.note : place.kind;
    };
    expect(note('seed')).toContain('`seeds:`');
    expect(note('test_batches')).toContain('eval.exact_loss');
    expect(note('model')).toBe('top');
    expect(note('data')).toBe('top');
  });
});
