import { loadStudy } from '../study/load-study.js';
import { printIntegrityProblems } from './print-integrity.js';
import { studyStatusReport, type RunStatusRow, type StudyStatus } from '../pipeline/study-status.js';
import { watchStatus } from '../pipeline/watch-status.js';
import { duration } from '../wording/numbers.js';
import { sequentialProgress, stoppingLook, type SequentialProgress } from '../pipeline/sequential-progress.js';
import type { SequentialLook } from '../results/sequential-record.js';
import { looksSoFarLines } from '../wording/sequential-decision.js';
import { lossText, stageText, studyProgressLine } from '../wording/progress.js';
import { progressBar, progressStyle, type ProgressStyle } from './progress-style.js';

const MARK: Record<RunStatusRow['train'], string> = {
  succeeded: '✓',
  running: '▶',
  pending: '…',
  failed: '✗',
  interrupted: '⏸',
  'not-started': '·',
  stale: '!',
};

/** Flags of `seedstudy status`. */
export interface StatusArgs {
  studyFile: string;
  output: string | undefined;
  json: boolean;
  /** Refresh every `intervalS` seconds until nothing is left to train or evaluate. */
  watch: boolean;
  intervalS: number;
}

/** Body of `seedstudy status`: the table of runs, the counts, the lock holder and the Slurm queue. */
export async function printStatus(args: StatusArgs): Promise<void> {
  const study = await loadStudy(args.studyFile, args.output !== undefined ? { output: args.output } : {});
  const style = progressStyle(process.stdout);
  if (args.watch) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let drawn = false;
    try {
      await watchStatus(() => studyStatusReport(study), {
        intervalS: args.intervalS,
        signal: controller.signal,
        onUpdate: async (report) => {
          if (style.live && drawn && !args.json) process.stdout.write('\x1b[H\x1b[2J');
          drawn = true;
          await printOnce(report, args.json, style, true, await sequentialProgress(study));
        },
      });
    } finally {
      process.off('SIGINT', stop);
    }
    return;
  }
  await printOnce(await studyStatusReport(study), args.json, style, false, await sequentialProgress(study));
}

async function printOnce(
  { status, slurm }: Awaited<ReturnType<typeof studyStatusReport>>,
  json: boolean,
  style: ProgressStyle,
  watching = false,
  sequential?: SequentialProgress,
): Promise<void> {
  if (json) {
    // Watching prints one document per line (JSON Lines), so a consumer reads each refresh as it comes.
    console.log(JSON.stringify({ ...status, ...(slurm ? { slurm } : {}) }, null, watching ? undefined : 2));
    return;
  }
  console.log(renderStatus(status, style, stoppingLook(sequential)));
  if (sequential) console.log(['', ...looksSoFarLines(sequential)].join('\n'));
  printIntegrityProblems(status.problems);
  if (slurm) {
    const { formatSlurmQueueStatus } = await import('../launch/slurm/queue-status.js');
    for (const line of ['', 'Slurm queue:', ...formatSlurmQueueStatus(slurm)]) console.log(line);
  }
}

/** One run's position: its stage, iteration / total and losses while training, checkpoints, elapsed. */
function runPosition(r: RunStatusRow): string {
  const l = r.live;
  const iters = r.lastIteration !== null && r.iters !== null ? ` ${r.lastIteration}/${r.iters}` : '';
  const where = r.train === 'running' || r.train === 'pending' ? `${stageText(l.stage)}${iters}` : stageText(l.stage);
  const loss =
    l.trainLoss !== null || l.valLoss !== null ? `  loss ${lossText(l.trainLoss)} val ${lossText(l.valLoss)}` : '';
  const ckpt =
    r.train === 'not-started' ? '' : `  ckpt ${l.checkpointsSaved} saved, ${r.evalDone}/${r.evalPlanned} evaluated`;
  const elapsed = l.elapsedS !== null ? `  ${duration(l.elapsedS)}` : '';
  return `${where.padEnd(22)}${loss}${ckpt}${elapsed}`;
}

/** The human table: one line per run, then the whole-study line (with ETA), a summary and what to do next. */
export function renderStatus(
  s: StudyStatus,
  style: ProgressStyle = { live: false, color: false },
  stopped?: SequentialLook,
): string {
  const lines = [`study ${s.study}  (${s.outputDir})`];
  const armWidth = Math.max(3, ...s.runs.map((r) => r.arm.length));
  for (const r of s.runs) {
    const why = r.failureReason && r.train !== 'succeeded' ? `  ${r.failureReason}` : '';
    const job = r.slurmJob ? `  job ${r.slurmJob}` : '';
    lines.push(
      `  ${MARK[r.train]} ${r.arm.padEnd(armWidth)}  seed ${String(r.seed).padStart(4)}  ${runPosition(r)}${job}${why}`,
    );
  }
  const p = s.progress;
  const fraction = p.evaluations.total > 0 ? p.evaluations.done / p.evaluations.total : 0;
  lines.push('', `${progressBar(fraction, 20, style)} ${studyProgressLine(p)}`);
  const c = s.counts;
  lines.push(
    '',
    `${c.total} runs: ${c.succeeded} trained (${c.evaluated} fully evaluated), ${c.running} running, ${c.failed} failed, ` +
      `${c.interrupted} interrupted, ${c.notStarted} not started${c.stale ? `, ${c.stale} stale (config changed)` : ''}`,
  );
  if (s.lock)
    lines.push(`in progress: ${s.lock.command} (pid ${s.lock.pid} on ${s.lock.host}, since ${s.lock.startedAt})`);
  const remaining = c.total - c.evaluated;
  const untrained = c.notStarted;
  if (stopped && remaining > 0 && !s.lock)
    lines.push(
      `the sequential design stopped at look ${stopped.look}: the ${untrained} run(s) beyond it are not trained, by design`,
    );
  else if (remaining > 0 && !s.lock)
    lines.push(`next: seedstudy run <study> resumes the ${remaining} run(s) not finished`);
  else if (remaining === 0)
    lines.push(
      s.analyzed
        ? 'all runs trained and evaluated; analysis written'
        : 'all runs trained and evaluated; next: seedstudy analyze / report',
    );
  return lines.join('\n');
}
