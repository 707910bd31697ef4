import { describe, expect, it } from 'vitest';
import { startPeriodicReport, type PeriodicReportEvent } from '../../src/pipeline/periodic-report.js';
import { watchStatus } from '../../src/pipeline/watch-status.js';
import type { ReportStudyResult } from '../../src/pipeline/report-study.js';
import type { StudyProgress } from '../../src/pipeline/study-progress.js';
import type { Study } from '../../src/study/study.js';

const study = {} as Study;
const written = (scored: number) =>
  ({
    reportDir: '/r',
    files: [],
    coverage: { scored, planned: 4, perArm: [], notScored: {} },
  }) as unknown as ReportStudyResult;

describe('periodic report', () => {
  it('a failing report is an event, never an exception; reports never overlap', async () => {
    const events: PeriodicReportEvent[] = [];
    let calls = 0;
    let release!: () => void;
    const write = () => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('there are no scored observations to report on'));
      return new Promise<ReportStudyResult>((resolve) => (release = () => resolve(written(2))));
    };
    const r = startPeriodicReport(study, 3600, {}, (e) => events.push(e), write);
    await r.now();
    const second = r.now();
    const third = r.now(); // while the second is being written: waits for it, then writes once more
    await new Promise((res) => setTimeout(res, 10));
    expect(calls).toBe(2);
    release();
    await second;
    await new Promise((res) => setTimeout(res, 10));
    release();
    await third;
    await r.stop();
    expect(calls).toBe(3);
    expect(events[0]).toEqual({
      type: 'periodic-report',
      ok: false,
      error: 'there are no scored observations to report on',
    });
    expect(events[1]).toEqual({
      type: 'periodic-report',
      ok: true,
      reportDir: '/r',
      scored: { scored: 2, planned: 4 },
    });
    expect(r.lastWrittenAt()).toBeGreaterThan(0);
  });
});

describe('status --watch', () => {
  const snapshot = (left: number) => ({
    status: {
      progress: {
        stages: {
          pending: left,
          training: 0,
          trained: 0,
          evaluating: 0,
          done: 4 - left,
          failed: 0,
          interrupted: 0,
          stale: 0,
        },
      } as unknown as StudyProgress,
    },
  });

  it('refreshes until nothing is left to train or evaluate', async () => {
    const left = [2, 1, 0];
    const seen: number[] = [];
    await watchStatus(() => Promise.resolve(snapshot(left.shift()!)), {
      intervalS: 0.01,
      onUpdate: (s) => void seen.push(s.status.progress.stages.pending),
    });
    expect(seen).toEqual([2, 1, 0]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    let n = 0;
    await watchStatus(() => Promise.resolve(snapshot(2)), {
      intervalS: 0.01,
      signal: controller.signal,
      onUpdate: () => {
        if (++n === 3) controller.abort();
      },
    });
    expect(n).toBe(3);
  });
});
