import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { loadStudy } from '../study/load-study.js';
import { trainStudyCommand, type TrainCommandResult } from '../pipeline/train-study-command.js';
import type { TrainSummary } from '../pipeline/train-study.js';
import { renderSlurmEvent } from './render-slurm-event.js';
import { prefixCacheBuiltLine } from '../wording/prefix-cache.js';
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
  /** Train every seed of a sequential study anyway. */
  allSeeds?: boolean;
}

/**
 * The body of `seedstudy train`, loaded lazily by the command: checks the flags, wires
 * Ctrl-C/SIGTERM to the stage's cancel signal, renders its events, prints the summary and
 * returns the exit code (0 all succeeded, 1 a run failed, 130 interrupted).
 */
export async function runTrain(args: RunTrainArgs): Promise<number> {
  if (args.concurrency !== undefined && (!Number.isInteger(args.concurrency) || args.concurrency < 1)) {
    throw new UserError(`--concurrency must be a positive integer, got ${args.concurrency}`, {
      fix: 'pass e.g. --concurrency 2',
    });
  }
  const study = await loadStudy(args.studyFile, args.output !== undefined ? { output: args.output } : {});
  const local = study.executor.kind !== 'slurm';
  const renderer = createTrainRenderer(process.stdout, Boolean(process.stdout.isTTY));
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    // Slurm: Ctrl-C stops watching only; the jobs keep running and the next call re-attaches.
    if (local) renderer.handle({ type: 'interrupt', signal });
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const python = args.python;
  let result: TrainCommandResult;
  try {
    result = await trainStudyCommand(study, {
      ...(args.onlyArm !== undefined && { onlyArm: args.onlyArm }),
      ...(args.concurrency !== undefined && { concurrency: args.concurrency }),
      ...(python !== undefined && { python: python.includes('/') && !isAbsolute(python) ? resolve(python) : python }),
      ...(args.force && { force: true }),
      ...(args.allSeeds && { allSeeds: true }),
      detach: Boolean(args.detach),
      signal: controller.signal,
      onTrainEvent: (e) => renderer.handle(e),
      onSlurmEvent: (e) => {
        const line = renderSlurmEvent(e);
        if (line) console.log(line);
      },
    });
  } finally {
    renderer.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (result.executor === 'local') printSummary(result.summary);
  return result.exitCode;
}

function printSummary(s: TrainSummary): void {
  console.log(
    `\n${s.total} runs: ${s.succeeded} succeeded (${s.skipped} from earlier), ${s.failed.length} failed, ` +
      `${s.interrupted.length + s.notStarted.length} interrupted or not started; ${formatDuration(s.wallS)}`,
  );
  for (const c of s.prefixCaches ?? []) console.log(`  ${prefixCacheBuiltLine(c)}`);
  for (const f of s.failed) {
    console.log(`  ✗ ${f.arm}/seed-${f.seed}: ${f.reason}\n    log: ${f.logPath}`);
    for (const line of f.errorExcerpt.slice(-3)) console.log(`      ${line}`);
  }
  if (s.interrupted.length + s.notStarted.length > 0) {
    console.log('  interrupted: run the same command again to resume (succeeded runs are kept)');
  }
  for (const w of s.seedWarnings) console.error(`WARNING: arm "${w.arm}": ${w.reason}`);
}
