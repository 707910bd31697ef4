import { describe, expect, it } from 'vitest';
import { parseTrainerLogLine } from '../../src/launch/parse-log-line.js';
import { stripAnsi } from '../../src/launch/strip-ansi.js';
import { toMetricsRecord } from '../../src/launch/to-metrics-record.js';

// Real lines captured from mlx-lm 0.32.2 (era B, rich with forced truecolor) on CPU.
const B_HEADER = '  \x1b[1miter   train_loss     tok/s     tokens\x1b[0m';
const B_VAL = '  \x1b[38;5;244m   1\x1b[0m    \x1b[1;35mval\x1b[0m \x1b[1m5.990\x1b[0m    \x1b[38;5;244m1.73s\x1b[0m';
const B_TRAIN =
  '  \x1b[38;5;244m  20\x1b[0m    \x1b[1;32m5.395 ▼\x1b[0m    \x1b[1m1,226\x1b[0m    \x1b[38;5;244m  1.5k\x1b[0m';
const B_TRAIN_UP =
  '  \x1b[38;5;244m1200\x1b[0m    \x1b[1;33m2.401 ▲\x1b[0m    \x1b[1m   29\x1b[0m    \x1b[38;5;244m123.4k\x1b[0m';
const B_SAVE = '  \x1b[1;32msave\x1b[0m  \x1b[38;5;244m0000020_adapters.safetensors\x1b[0m';
const B_BAR =
  '\x1b[1;34mtrain\x1b[0m \x1b[34m████████\x1b[0m \x1b[1;34m100%\x1b[0m \x1b[38;5;244m·\x1b[0m \x1b[1;34m   40\x1b[0m\x1b[38;5;244m/40\x1b[0m';

// Era A lines (mlx-lm v0.22 to v0.31.3), including paths that contain " and ".
const A_TRAIN =
  'Iter 10: Train loss 1.171, Learning Rate 1.000e-05, It/sec 0.377, Tokens/sec 1384.743, Trained Tokens 36717, Peak mem 18.499 GB';
const A_VAL = 'Iter 200: Val loss 1.306, Val took 62.408s';
const A_SAVE =
  'Iter 100: Saved adapter weights to runs/salt and pepper/adapters/adapters.safetensors and runs/salt and pepper/adapters/0000100_adapters.safetensors.';

describe('parseTrainerLogLine', () => {
  it('parses era-B table lines with ANSI codes', () => {
    expect(parseTrainerLogLine(B_VAL)).toEqual({ kind: 'val', iteration: 1, valLoss: 5.99, valTimeS: 1.73 });
    expect(parseTrainerLogLine(B_TRAIN)).toEqual({
      kind: 'train',
      iteration: 20,
      trainLoss: 5.395,
      tokensPerSec: 1226,
      trainedTokens: 1500,
    });
    expect(parseTrainerLogLine(B_TRAIN_UP)).toMatchObject({
      kind: 'train',
      iteration: 1200,
      trainLoss: 2.401,
      tokensPerSec: 29,
      trainedTokens: 123400,
    });
    expect(parseTrainerLogLine(B_SAVE)).toEqual({
      kind: 'save',
      iteration: 20,
      checkpoint: '0000020_adapters.safetensors',
    });
  });

  it('ignores the era-B header, progress bar and panel', () => {
    for (const line of [
      B_HEADER,
      B_BAR,
      '\x1b[34m│\x1b[0m    model   /tmp/m   \x1b[34m│\x1b[0m',
      'Loading datasets',
      '',
    ]) {
      expect(parseTrainerLogLine(line)).toBeUndefined();
    }
  });

  it('parses era-A lines, paths with " and " included', () => {
    expect(parseTrainerLogLine(A_TRAIN)).toEqual({
      kind: 'train',
      iteration: 10,
      trainLoss: 1.171,
      learningRate: 1e-5,
      itPerSec: 0.377,
      tokensPerSec: 1384.743,
      trainedTokens: 36717,
      peakMemoryGb: 18.499,
    });
    expect(parseTrainerLogLine(A_VAL)).toEqual({ kind: 'val', iteration: 200, valLoss: 1.306, valTimeS: 62.408 });
    expect(parseTrainerLogLine(A_SAVE)).toEqual({
      kind: 'save',
      iteration: 100,
      checkpoint: '0000100_adapters.safetensors',
    });
    expect(parseTrainerLogLine('Saved final weights to runs/a and b/adapters/adapters.safetensors.')).toEqual({
      kind: 'final-save',
      path: 'runs/a and b/adapters/adapters.safetensors',
    });
    expect(parseTrainerLogLine('Test loss 1.234, Test ppl 3.435.')).toEqual({
      kind: 'test',
      testLoss: 1.234,
      testPpl: 3.435,
    });
    expect(parseTrainerLogLine('Trainable parameters: 0.085% (0.524M/619.570M)')).toEqual({
      kind: 'params',
      percent: 0.085,
      trainableM: 0.524,
      totalM: 619.57,
    });
    expect(parseTrainerLogLine('Starting training..., iters: 600')).toEqual({ kind: 'start', iters: 600 });
  });

  it('keeps nan/inf losses as null instead of failing', () => {
    expect(parseTrainerLogLine('Iter 20: Val loss nan, Val took 1.000s')).toMatchObject({ valLoss: null });
    expect(parseTrainerLogLine('  30    inf ▲    1,000    3.0k')).toMatchObject({ kind: 'train', trainLoss: null });
  });

  it('strips CSI and OSC sequences', () => {
    expect(stripAnsi('\x1b[1;32msave\x1b[0m \x1b]8;;file:///x\x07link\x1b]8;;\x07')).toBe('save link');
  });
});

describe('toMetricsRecord', () => {
  it('records val at its true step (validation runs before the update of its iteration)', () => {
    const val = toMetricsRecord(parseTrainerLogLine(A_VAL)!, 1.5, null);
    expect(val).toMatchObject({ kind: 'val', iteration: 200, step: 199, val_loss: 1.306 });
    const first = toMetricsRecord(parseTrainerLogLine(B_VAL)!, 0, null);
    expect(first).toMatchObject({ step: 0, iteration: 1 });
    expect(toMetricsRecord(parseTrainerLogLine(B_TRAIN)!, 2, 10)).toMatchObject({
      kind: 'train',
      step: 20,
      train_loss: 5.395,
      tokens_per_sec: 1226,
      trained_tokens: 1500,
    });
    expect(toMetricsRecord(parseTrainerLogLine(A_TRAIN)!, 2, 10)).toMatchObject({
      learning_rate: 1e-5,
      peak_memory_gb: 18.499,
    });
    expect(toMetricsRecord(parseTrainerLogLine(B_SAVE)!, 2, 10)).toMatchObject({
      kind: 'save',
      step: 20,
      checkpoint: '0000020_adapters.safetensors',
    });
    expect(toMetricsRecord({ kind: 'params', percent: 1, trainableM: 1, totalM: 2 }, 0, null)).toBeUndefined();
  });
});
