import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { loadStudy } from '../study/load-study.js';
import { trainStudy, type TrainSummary } from '../pipeline/train-study.js';
import { createTrainRenderer, formatDuration } from './train-progress.js';

/** Parsed flags of `seedstudy train`. */
export interface RunTrainArgs {
  studyFile: string;
  output?: string;
  concurrency?: number;
  onlyArm?: string;
  python?: string;
  force?: boolean;
  /** Slurm: submit (or re-attach) and return. */
  detach?: boolean;
}

/**
 * The body of `seedstudy train`, loaded lazily by the command: wires Ctrl-C/SIGTERM to the
 * stage's cancel signal, renders its events, prints the summary and returns the exit code
 * (0 all succeeded, 1 a run failed, 130 interrupted).
 */
export async function runTrain(args: RunTrainArgs): Promise<number> {
  if (args.concurrency !== undefined && (!Number.isInteger(args.concurrency) || args.concurrency < 1)) {
    throw new UserError(`--concurrency must be a positive integer, got ${args.concurrency}`, { fix: 'pass e.g. --concurrency 2' });
  }
  const study = await loadStudy(args.studyFile, args.output !== undefined ? { output: args.output } : {});
  if (study.executor.kind === 'slurm') {
    // Slurm runs never go through trainStudy/decideResume: its recovery of "running" runs would kill live tasks.
    const { runSlurmSweep } = await import('./run-slurm.js');
    return (await runSlurmSweep(study, { evaluate: false, detach: Boolean(args.detach), command: 'seedstudy train' })).exitCode;
  }
  const renderer = createTrainRenderer(process.stdout, Boolean(process.stdout.isTTY));
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    renderer.handle({ type: 'interrupt', signal });
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let summary: TrainSummary;
  try {
    summary = await trainStudy(study, {
      ...(args.onlyArm !== undefined && { onlyArm: args.onlyArm }),
      ...(args.concurrency !== undefined && { concurrency: args.concurrency }),
      ...(args.python !== undefined && { python: args.python.includes('/') && !isAbsolute(args.python) ? resolve(args.python) : args.python }),
      ...(args.force && { force: true }),
      signal: controller.signal,
      onEvent: (e) => renderer.handle(e),
    });
  } finally {
    renderer.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  printSummary(summary);
  if (summary.outcome === 'interrupted' || controller.signal.aborted) return 130;
  return summary.outcome === 'failed' ? 1 : 0;
}

function printSummary(s: TrainSummary): void {
  console.log(
    `\n${s.total} runs: ${s.succeeded} succeeded (${s.skipped} from earlier), ${s.failed.length} failed, ` +
      `${s.interrupted.length + s.notStarted.length} interrupted or not started; ${formatDuration(s.wallS)}`,
  );
  for (const f of s.failed) {
    console.log(`  ✗ ${f.arm}/seed-${f.seed}: ${f.reason}\n    log: ${f.logPath}`);
    for (const line of f.errorExcerpt.slice(-3)) console.log(`      ${line}`);
  }
  if (s.interrupted.length + s.notStarted.length > 0) console.log('  interrupted: run the same command again to resume (succeeded runs are kept)');
  for (const w of s.seedWarnings) console.error(`WARNING: arm "${w.arm}": ${w.reason}`);
}
