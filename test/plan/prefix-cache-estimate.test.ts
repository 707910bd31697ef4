import { describe, expect, it } from 'vitest';
import { estimatePrefixCache } from '../../src/plan/prefix-cache-estimate.js';
import { prefixCacheDir } from '../../src/plan/prefix-cache-layout.js';
import { bytes } from '../../src/wording/numbers.js';

describe('estimatePrefixCache', () => {
  it('gives 3N/(L+2N) per training step and N/L per validation (hand-computed)', () => {
    // Qwen3-Coder-30B-A3B with LoRA on the top 8 of 48 layers: 24/64 = 0.375; 8/48 = 1/6.
    const e = estimatePrefixCache({
      layers: 48,
      adaptedLayers: 8,
      hiddenSize: 2048,
      dtypeBytes: 2,
      trainLines: 1001,
      validLines: 103,
      batchSize: 4,
      maxSeqLength: 2048,
    });
    expect(e.trainStepRatio).toBe(0.375);
    expect(e.validationRatio).toBeCloseTo(1 / 6, 15);
    expect(e.batches).toBe(250 + 25); // floor(1001/4) + floor(103/4): mlx-lm drops the remainder
    expect(e.maxBytes).toBe(275 * 4 * 2047 * 2048 * 2);
    // A quarter of the layers: exactly one half.
    expect(estimatePrefixCache(baseInput()).trainStepRatio).toBe(0.5);
  });
});

function baseInput() {
  return {
    layers: 8,
    adaptedLayers: 2,
    hiddenSize: 64,
    dtypeBytes: 4,
    trainLines: 22,
    validLines: 12,
    batchSize: 4,
    maxSeqLength: 256,
  };
}

describe('prefixCacheDir', () => {
  it('is shared by configs that differ only in seed, learning rate or iterations, and split by batching or depth', () => {
    const a = { model: '/m', data: '/d', batch_size: 4, num_layers: 2, seed: 1, learning_rate: 1e-4, iters: 10 };
    expect(prefixCacheDir('/out', a)).toBe(prefixCacheDir('/out', { ...a, seed: 2, learning_rate: 1e-3, iters: 20 }));
    expect(prefixCacheDir('/out', a)).not.toBe(prefixCacheDir('/out', { ...a, batch_size: 8 }));
    expect(prefixCacheDir('/out', a)).not.toBe(prefixCacheDir('/out', { ...a, num_layers: 4 }));
    expect(prefixCacheDir('/out', a)).toMatch(/^\/out\/prefix-cache\/[0-9a-f]{16}$/);
  });
});

describe('bytes', () => {
  it('formats decimal units', () => {
    expect([bytes(512), bytes(557832), bytes(4.2e9), bytes(123_456_789)]).toEqual([
      '512 B',
      '558 kB',
      '4.2 GB',
      '123 MB',
    ]);
  });
});
