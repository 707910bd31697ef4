import { describe, expect, it } from 'vitest';
import { createStudyProgressDisplay } from '../../src/cli/study-progress-display.js';
import { parseDurationFlag } from '../../src/cli/duration-flag.js';
import { fitWidth } from '../../src/cli/progress-style.js';
import { UserError } from '../../src/errors/user-error.js';
import type { StudyProgress } from '../../src/pipeline/study-progress.js';

function sink() {
  const out = {
    text: '',
    columns: 200,
    write(s: string) {
      out.text += s;
      return true;
    },
  };
  return out;
}
const progress = (done: number): StudyProgress => ({
  at: '2026-01-01T00:00:00.000Z',
  stages: { pending: 0, training: 0, trained: 1, evaluating: 1, done: 2, failed: 0, interrupted: 0, stale: 0 },
  evaluations: { done, total: 12 },
  eta: {
    seconds: 90,
    trainSeconds: 0,
    evalSeconds: 90,
    lowerBound: false,
    itersPerSecond: 2,
    evalSecondsPerCheckpoint: 15,
    evalsLeft: 12 - done,
  },
});
const LINE =
  'checkpoint evaluations 6/12 (50%) · ETA ~1m30s (estimate) · 4 runs: 2 done, 1 evaluating, 1 waiting for evaluation';

describe('the run display of the whole study', () => {
  it('plain output: a line with an ASCII bar when it changes, permanent lines as they come', () => {
    const out = sink();
    const d = createStudyProgressDisplay(out as never, { live: false, color: false });
    d.update(progress(6), true);
    d.update(progress(6), true); // unchanged: not repeated
    d.print('  evaluating a/seed-2');
    d.finish();
    expect(out.text).toBe(`  [##########..........] ${LINE}\n  evaluating a/seed-2\n`);
  });

  it('a terminal: the line is redrawn under the permanent lines while evaluating, in colour', () => {
    const out = sink();
    const d = createStudyProgressDisplay(out as never, { live: true, color: true });
    d.update(progress(6), true);
    d.print('  evaluating a/seed-2');
    d.finish();
    const bar = '\x1b[32m██████████\x1b[0m\x1b[2m░░░░░░░░░░\x1b[0m';
    const erase = '\x1b[1A\x1b[2K';
    expect(out.text).toBe(`  ${bar} ${LINE}\n${erase}  evaluating a/seed-2\n  ${bar} ${LINE}\n${erase}`);
  });

  it('a terminal under NO_COLOR: the same redraw, blocks without colour codes', () => {
    const out = sink();
    const d = createStudyProgressDisplay(out as never, { live: true, color: false });
    d.update(progress(3), true);
    expect(out.text).toBe(`  █████░░░░░░░░░░░░░░░ ${LINE.replace('6/12 (50%)', '3/12 (25%)')}\n`);
    expect(out.text).not.toContain('\x1b[');
  });

  it('a terminal while training: nothing drawn here (the train renderer shows the line in its block)', () => {
    const out = sink();
    const d = createStudyProgressDisplay(out as never, { live: true, color: true });
    d.update(progress(0), false);
    expect(out.text).toBe('');
    expect(d.current()).toContain('checkpoint evaluations 0/12');
  });

  it('fits a coloured line to the width without cutting a colour code', () => {
    expect(fitWidth('\x1b[32m███\x1b[0m abcdef', 6)).toBe('\x1b[32m███\x1b[0m ab');
  });
});

describe('--report-every', () => {
  it('reads 30s, 10m, 1h30m and plain seconds', () => {
    expect(['30s', '10m', '1h30m', '45', '0.5m'].map((v) => parseDurationFlag(v, '--report-every'))).toEqual([
      30, 600, 5400, 45, 30,
    ]);
  });

  it('refuses anything else with a fix', () => {
    for (const bad of ['10 minutes', '0', '-5m', 'm', ''])
      expect(() => parseDurationFlag(bad, '--report-every')).toThrow(UserError);
  });
});
