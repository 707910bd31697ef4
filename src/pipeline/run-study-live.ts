import { loadStudy } from '../study/load-study.js';
import { startPeriodicReport, type PeriodicReportEvent } from './periodic-report.js';
import { reportStudy } from './report-study.js';
import { runStudy, type RunStage, type RunStudyOptions, type RunStudyResult } from './run-study.js';
import type { StudyProgress } from './study-progress.js';
import { studyStatus } from './study-status.js';

/** What `runStudyLive` adds to `seedstudy run`'s events: whole-study progress and periodic reports. */
export type LiveRunEvent =
  { type: 'study-progress'; stage: RunStage | undefined; progress: StudyProgress } | PeriodicReportEvent;

/** `runStudy`'s options, plus how often to measure progress and to write the report. */
export interface LiveRunOptions extends RunStudyOptions {
  /** Seconds between whole-study progress snapshots (0 or absent: none). */
  progressEveryS?: number | undefined;
  /** Seconds between periodic reports (`--report-every`; 0 or absent: none). */
  reportEveryS?: number | undefined;
  onLive?: ((event: LiveRunEvent) => void) | undefined;
}

/**
 * `seedstudy run` with a view from outside: beside runStudy (which it calls unchanged), it reads the
 * study's progress every `progressEveryS` seconds the way `status` does (read-only, records not
 * re-hashed) for the whole-study line and the evaluation bar, and writes the report every
 * `reportEveryS` seconds. Periodic reports stop when the run's own analyze stage starts, so the
 * final report is the run's; one that was still being written then is followed by the final report
 * again. An interrupted run gets one last (partial) report. Neither may stop the run: their failures
 * are events.
 */
export async function runStudyLive(options: LiveRunOptions): Promise<RunStudyResult> {
  const emit = options.onLive ?? (() => {});
  const study = await loadStudy(options.studyFile, options.output !== undefined ? { output: options.output } : {});
  let stage: RunStage | undefined;
  let polling: Promise<void> | undefined;
  const poll = () => {
    polling ??= studyStatus(study, Date.now(), { verify: false })
      .then((s) => emit({ type: 'study-progress', stage, progress: s.progress }))
      .catch(() => undefined) // a snapshot read mid-write is skipped; the next one will do
      .finally(() => {
        polling = undefined;
      });
  };
  const ticker = options.progressEveryS ? setInterval(poll, options.progressEveryS * 1000) : undefined;
  ticker?.unref();
  const reportOptions = { to: options.to, cwd: options.cwd, png: false };
  const periodic = options.reportEveryS
    ? startPeriodicReport(study, options.reportEveryS, reportOptions, emit)
    : undefined;
  let stopping: Promise<void> | undefined;
  let reportedAt = 0;
  let result: RunStudyResult;
  try {
    result = await runStudy({
      ...options,
      onEvent: (e) => {
        if (e.type === 'stage') {
          stage = e.stage;
          if (e.stage === 'analyze') stopping ??= periodic?.stop();
          if (options.progressEveryS) poll();
        }
        if (e.type === 'reported') reportedAt = Date.now();
        // A run trained, a checkpoint evaluated: worth a fresh snapshot now rather than at the next tick.
        const changed = (e.type === 'train' && e.event.type === 'run-end') || e.type === 'eval-progress';
        if (changed && options.progressEveryS) poll();
        options.onEvent?.(e);
      },
    });
  } finally {
    if (ticker) clearInterval(ticker);
    await polling;
    await (stopping ?? periodic?.stop());
  }
  if (periodic && result.report && periodic.lastWrittenAt() >= reportedAt) {
    // A periodic report finished after the final one: write the final one again, over it.
    result.report = await reportStudy(study, { analysis: result.analysis?.result, to: options.to, cwd: options.cwd });
  } else if (periodic && result.outcome === 'interrupted') await periodic.now();
  return result;
}
