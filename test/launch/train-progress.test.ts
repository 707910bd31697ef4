import { describe, expect, it } from 'vitest';
import { createTrainRenderer, formatDuration } from '../../src/cli/train-progress.js';
import type { RunRecord } from '../../src/results/run-record.js';

function sink() {
  const out = {
    text: '',
    columns: 120,
    write(s: string) {
      out.text += s;
      return true;
    },
  };
  return out;
}
const run = { runId: 'r1', arm: 'a', seed: 1 };
const record = (status: RunRecord['status']) =>
  ({
    status,
    durationS: 12.3,
    checkpoints: [{}, {}],
    lastIteration: 40,
    failureReason: 'exited with code 1',
    exitDescription: null,
    logPath: '/x/train.log',
  }) as unknown as RunRecord;

describe('train progress rendering', () => {
  it('prints one plain line per notable event without a TTY', () => {
    const out = sink();
    const r = createTrainRenderer(out as never, false);
    r.handle({ type: 'sweep-start', total: 2, toRun: 2, skipped: 0, concurrency: 1 });
    r.handle({ type: 'run-start', run, attempt: 1, totalIters: 40, logPath: '/x/train.log' });
    r.handle({ type: 'run-progress', run, iteration: 20, totalIters: 40, trainLoss: 2.5, valLoss: 2.6, elapsedS: 1 });
    r.handle({ type: 'run-checkpoint', run, step: 20, file: '0000020_adapters.safetensors' });
    r.handle({ type: 'run-end', run, record: record('failed') });
    r.handle({ type: 'seed-warning', arm: 'a', seeds: [1, 2], reason: 'identical' });
    r.finish();
    expect(out.text).not.toContain('\x1b[');
    expect(out.text.split('\n')).toEqual([
      'training 2 of 2 runs (0 already succeeded), 1 at a time',
      '▶ a/seed-1 started (attempt 1, 40 iterations), log: /x/train.log',
      '  a/seed-1 checkpoint 20 (loss 2.500, last val 2.600)',
      '✗ a/seed-1 failed in 12s: exited with code 1 (log: /x/train.log)',
      'WARNING: arm "a": identical. Every seed is the same run, so this study cannot measure seed variance.',
      '',
    ]);
  });

  it('redraws a live block in place on a TTY (throttled) and clears it at the end', async () => {
    const out = sink();
    const r = createTrainRenderer(out as never, true);
    r.handle({ type: 'sweep-start', total: 1, toRun: 1, skipped: 0, concurrency: 1 });
    r.handle({ type: 'run-start', run, attempt: 1, totalIters: 40, logPath: '/x' });
    for (let i = 1; i <= 20; i++)
      r.handle({
        type: 'run-progress',
        run,
        iteration: i,
        totalIters: 40,
        trainLoss: 2.5,
        valLoss: undefined,
        elapsedS: i,
      });
    await new Promise((res) => setTimeout(res, 250));
    expect(out.text).toMatch(/a\/seed-1\s+20\/40 {2}loss 2\.500 {2}val - {2}ETA/);
    expect(out.text.match(/20\/40/g)).toHaveLength(1);
    expect(out.text).toContain('0/1 runs done');
    r.handle({ type: 'run-end', run, record: record('succeeded') });
    r.finish();
    // eslint-disable-next-line no-control-regex -- the live view redraws with ANSI escapes (cursor up, clear)
    expect(out.text).toMatch(/\x1b\[\d+A\x1b\[J✓ a\/seed-1 succeeded in 12s/);
  });

  it('formats durations', () => {
    expect([formatDuration(42), formatDuration(185), formatDuration(3725)]).toEqual(['42s', '3m05s', '1h02m']);
  });
});
