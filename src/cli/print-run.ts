import { join, relative } from 'node:path';
import type { RunStage, RunStudyEvent } from '../pipeline/run-study.js';
import { runStudyLive, type LiveRunEvent } from '../pipeline/run-study-live.js';
import { renderSlurmEvent } from './render-slurm-event.js';
import { printIntegrityProblems } from './print-integrity.js';
import { createTrainRenderer, formatDuration, type TrainRenderer } from './train-progress.js';
import { parseDurationFlag } from './duration-flag.js';
import { scoredCount } from '../wording/coverage.js';
import { lookLine } from '../wording/sequential-decision.js';
import { sequentialLines } from '../wording/sequential-outcome.js';
import { progressStyle } from './progress-style.js';
import { createStudyProgressDisplay, type StudyProgressDisplay } from './study-progress-display.js';

/** Flags of `seedstudy run`. */
export interface RunStudyArgs {
  studyFile: string;
  output?: string | undefined;
  to?: string | undefined;
  concurrency?: number | undefined;
  detach?: boolean | undefined;
  /** A sequential study: continue under a design edited after the first look (recorded). */
  forceRedesign?: boolean | undefined;
  /** `--report-every 10m`: write the report this often while the study runs. */
  reportEvery?: string | undefined;
}

/** Seconds between whole-study progress snapshots: redrawn on a terminal, a log line otherwise. */
const PROGRESS_EVERY_S = { live: 2, plain: 30 };

/** The numbered headings of `seedstudy run`'s stages ([n/5] title). */
const STAGE_HEADING: Record<RunStage, [number, string]> = {
  slurm: [1, 'train and evaluate on Slurm (one array task per run)'],
  train: [1, "train (each run's decision checkpoint is evaluated as soon as it has trained)"],
  looks: [
    1,
    'train and decide look by look (sequential design: the seeds of a look, their decision checkpoints, the look)',
  ],
  eval: [2, 'evaluate the other checkpoints and score'],
  analyze: [3, 'analyze'],
  report: [4, 'report'],
};

const heading = (n: number, what: string) => console.log(`\n[${n}/5] ${what}`);

/**
 * The body of `seedstudy run`: wires Ctrl-C/SIGTERM to the pipeline's cancel signal, prints
 * each stage's progress and result as the pipeline reports them (pipeline/run-study.ts holds
 * the stage order), and returns the exit code.
 */
export async function runStudyCommand(args: RunStudyArgs): Promise<number> {
  const reportEveryS = args.reportEvery !== undefined ? parseDurationFlag(args.reportEvery, '--report-every') : 0;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const style = progressStyle(process.stdout);
  const display = createStudyProgressDisplay(process.stdout, style);
  let renderer: TrainRenderer | undefined;
  let stage: RunStage | undefined;
  const said: { report?: string } = {};
  try {
    const result = await runStudyLive({
      studyFile: args.studyFile,
      output: args.output,
      to: args.to,
      concurrency: args.concurrency,
      detach: args.detach,
      forceRedesign: args.forceRedesign,
      signal: controller.signal,
      progressEveryS: style.live ? PROGRESS_EVERY_S.live : PROGRESS_EVERY_S.plain,
      reportEveryS,
      onLive: (e) => printLiveEvent(e, stage, display, renderer, said),
      onEvent: (e) => {
        if (e.type === 'stage') {
          stage = e.stage;
          display.finish();
        }
        if ((e.type === 'stage' && e.stage === 'train') || e.type === 'look-start') {
          renderer?.finish();
          renderer = createTrainRenderer(process.stdout, style.live);
        }
        if (e.type === 'train') renderer?.handle(e.event);
        else if (e.type === 'trained') {
          renderer?.finish();
          renderer = undefined;
        }
        if (e.type === 'eval-progress') display.print(`  ${e.message}`);
        else {
          if (e.type !== 'train') display.finish(); // its lines go above, not over, the live line
          printRunEvent(e);
        }
      },
    });
    display.finish();
    if (result.outcome !== 'completed') return result.exitCode;
    heading(5, `done in ${formatDuration(result.wallS)}`);
    console.log(`report: ${join(result.report!.reportDir, 'index.html')}`);
    if (result.failedRuns > 0) {
      const status = `seedstudy status ${args.studyFile}`;
      console.log(`${result.failedRuns} run(s) failed; see \`${status}\`. Re-run to retry them.`);
    }
    return result.exitCode;
  } finally {
    renderer?.finish();
    display.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * The whole-study line (in the train renderer's live block while training; with the evaluation bar
 * while evaluating) and the periodic reports' one-line results.
 */
function printLiveEvent(
  e: LiveRunEvent,
  stage: RunStage | undefined,
  display: StudyProgressDisplay,
  renderer: TrainRenderer | undefined,
  said: { report?: string },
): void {
  if (e.type === 'periodic-report') {
    // Said when it changes (a run more scored, another failure), not at every tick.
    const where = e.ok ? relative(process.cwd(), join(e.reportDir, 'index.html')) : '';
    const line = e.ok
      ? `  report updated${e.scored ? ` (${scoredCount(e.scored)})` : ''}: ${where}`
      : `  report not updated (the study goes on): ${e.error}`;
    if (line !== said.report) display.print(line);
    said.report = line;
    return;
  }
  const evaluating = stage === 'eval' || stage === 'slurm';
  if (renderer && (stage === 'train' || stage === 'looks')) {
    display.update(e.progress, true); // decision checkpoints are evaluated while the runs train
    renderer.setFooter(display.current());
    return;
  }
  if (evaluating || stage === 'train' || stage === 'looks') display.update(e.progress, evaluating);
}

/** The plain lines of one run event (training's live progress is the train renderer's). */
function printRunEvent(e: RunStudyEvent): void {
  switch (e.type) {
    case 'planned': {
      const where = relative(process.cwd(), e.outputDir) || '.';
      console.log(`study ${e.study}: ${e.arms} arm(s) × ${e.seeds} seed(s) = ${e.runs} runs → ${where}`);
      return;
    }
    case 'stage':
      heading(...STAGE_HEADING[e.stage]);
      return;
    case 'slurm': {
      const line = renderSlurmEvent(e.event);
      if (line) console.log(line);
      return;
    }
    case 'trained': {
      const s = e.summary;
      for (const w of s.seedWarnings) console.error(`WARNING: arm "${w.arm}": ${w.reason}`);
      for (const f of s.failed) console.log(`  ✗ ${f.arm}/seed-${f.seed}: ${f.reason}\n    log: ${f.logPath}`);
      const took = formatDuration(s.wallS);
      if (e.interrupted) console.log('interrupted: run the same command again to resume');
      else console.log(`  ${s.succeeded}/${s.total} runs trained (${s.skipped} from earlier) in ${took}`);
      return;
    }
    case 'eval-progress':
      console.log(`  ${e.message}`);
      return;
    case 'evaluated': {
      const done = e.summary.runs.reduce((n, r) => n + r.evaluated.length, 0);
      const kept = e.summary.runs.reduce((n, r) => n + r.skipped.length, 0);
      const scored = e.summary.observations;
      printIntegrityProblems(e.summary.problems);
      console.log(`  ${done} checkpoint(s) evaluated, ${kept} already up to date; ${scored} scored prompts`);
      for (const n of e.summary.notTrained) console.log(`  not evaluated: ${n.arm}/seed-${n.seed} (${n.status})`);
      return;
    }
    case 'decided':
      console.log('  every run is scored at its decision checkpoint; the headline (the other checkpoints follow):');
      for (const line of e.result.headline) console.log(`    ${line}`);
      return;
    case 'redesigned':
      console.log(
        `  design changed after ${e.looksTaken} look(s): continuing under --force-redesign (${e.from.slice(0, 12)} → ${e.to.slice(0, 12)}, recorded in sequential.json)`,
      );
      return;
    case 'look-start':
      console.log(`  look ${e.look} of ${e.looks}: ${e.seedsPerArm} seeds per arm (${e.runs} runs)`);
      return;
    case 'look':
      console.log(`  ${lookLine(e.look, e.looks)}`);
      return;
    case 'sequential-stopped':
      for (const line of sequentialLines(e.outcome.record, e.outcome.design)) console.log(`  ${line}`);
      return;
    case 'analyzed':
      for (const line of e.result.headline) console.log(`  ${line}`);
      if (e.written) console.log(`  → ${relative(process.cwd(), e.written)}`);
      return;
    default:
      return;
  }
}
