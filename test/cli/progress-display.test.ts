import { describe, expect, it } from 'vitest';
import { progressBar, progressStyle } from '../../src/cli/progress-style.js';
import { etaText, studyProgressLine } from '../../src/wording/progress.js';
import type { StudyProgress } from '../../src/pipeline/study-progress.js';
import type { StudyEta } from '../../src/pipeline/study-eta.js';

const eta = (over: Partial<StudyEta>): StudyEta => ({
  seconds: 250,
  trainSeconds: 100,
  evalSeconds: 150,
  lowerBound: false,
  itersPerSecond: 2,
  evalSecondsPerCheckpoint: 5,
  evalsLeft: 30,
  ...over,
});

describe('progress style', () => {
  it('live and coloured on a TTY; plain without one; no colour under NO_COLOR', () => {
    expect(progressStyle({ isTTY: true }, {})).toEqual({ live: true, color: true });
    expect(progressStyle({ isTTY: false }, {})).toEqual({ live: false, color: false });
    expect(progressStyle({}, {})).toEqual({ live: false, color: false });
    expect(progressStyle({ isTTY: true }, { NO_COLOR: '1' })).toEqual({ live: true, color: false });
    expect(progressStyle({ isTTY: true }, { NO_COLOR: '' })).toEqual({ live: true, color: true });
  });

  it('bars: ASCII in plain output, blocks on a terminal, green blocks when coloured', () => {
    expect(progressBar(0.25, 8, { live: false, color: false })).toBe('[##......]');
    expect(progressBar(0.25, 8, { live: true, color: false })).toBe('██░░░░░░');
    expect(progressBar(0.25, 8, { live: true, color: true })).toBe('\x1b[32m██\x1b[0m\x1b[2m░░░░░░\x1b[0m');
    expect(progressBar(1.7, 4, { live: false, color: false })).toBe('[####]');
    expect(progressBar(Number.NaN, 4, { live: false, color: false })).toBe('[....]');
    expect(progressBar(0, 2, { live: true, color: true })).toBe('\x1b[2m░░\x1b[0m');
  });
});

describe('progress wording', () => {
  it('the ETA says it is an estimate, and a lower bound or unknown when it is', () => {
    expect(etaText(eta({}))).toBe('ETA ~4m10s (estimate)');
    expect(etaText(eta({ evalSeconds: null, seconds: 100, lowerBound: true }))).toBe(
      'ETA at least 1m40s (estimate; evaluation not timed yet)',
    );
    expect(etaText(eta({ seconds: null }))).toBe('ETA unknown until a run reports progress');
    expect(etaText(eta({ seconds: 0, trainSeconds: 0, evalSeconds: 0, evalsLeft: 0 }))).toBe(
      'nothing left to train or evaluate',
    );
  });

  it('the whole-study line: runs by stage, evaluations, ETA', () => {
    const p: StudyProgress = {
      at: '2026-01-01T00:00:00.000Z',
      stages: { pending: 1, training: 1, trained: 0, evaluating: 0, done: 2, failed: 0, interrupted: 0, stale: 0 },
      evaluations: { done: 6, total: 12 },
      eta: eta({ seconds: 3725 }),
    };
    expect(studyProgressLine(p)).toBe(
      'checkpoint evaluations 6/12 (50%) · ETA ~1h02m (estimate) · 4 runs: 2 done, 1 training, 1 pending',
    );
  });
});
