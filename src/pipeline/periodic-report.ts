import type { Study } from '../study/study.js';
import { reportStudy, type ReportStudyOptions, type ReportStudyResult } from './report-study.js';

/** What one periodic report did: written (with what is missing, if partial) or failed (and why). */
export type PeriodicReportEvent =
  | {
      type: 'periodic-report';
      ok: true;
      reportDir: string;
      /** Runs scored of those planned (absent when not counted). */
      scored: { scored: number; planned: number } | undefined;
    }
  | { type: 'periodic-report'; ok: false; error: string };

/** A running periodic reporter. */
export interface PeriodicReporter {
  /** Writes a report now unless one is being written (then waits for it). */
  now(): Promise<void>;
  /** Stops the timer and waits for a report being written. */
  stop(): Promise<void>;
  /** When the last report finished writing (ms since the epoch), 0 before the first. */
  lastWrittenAt(): number;
}

/**
 * `seedstudy run --report-every 10m`: the study's report (`reportStudy`, partial while runs remain)
 * written every `everyS` seconds into the report directory, so a browser tab on it stays current.
 * A report that fails (nothing scored yet, a disk error) is an event, never an exception: the run goes on.
 * Reports never overlap; a tick while one is being written is skipped.
 */
export function startPeriodicReport(
  study: Study,
  everyS: number,
  options: Pick<ReportStudyOptions, 'to' | 'cwd' | 'png'>,
  onEvent: (e: PeriodicReportEvent) => void,
  write: (study: Study, o: ReportStudyOptions) => Promise<ReportStudyResult> = reportStudy,
): PeriodicReporter {
  let inFlight: Promise<void> | undefined;
  let last = 0;
  const once = (): Promise<void> => {
    inFlight ??= write(study, options)
      .then((r) => {
        last = Date.now();
        const scored = r.coverage && { scored: r.coverage.scored, planned: r.coverage.planned };
        onEvent({ type: 'periodic-report', ok: true, reportDir: r.reportDir, scored });
      })
      .catch((error: unknown) => {
        onEvent({ type: 'periodic-report', ok: false, error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  const timer = setInterval(() => void once(), everyS * 1000);
  timer.unref();
  return {
    now: async () => {
      if (inFlight) await inFlight;
      await once();
    },
    stop: async () => {
      clearInterval(timer);
      if (inFlight) await inFlight;
    },
    lastWrittenAt: () => last,
  };
}
