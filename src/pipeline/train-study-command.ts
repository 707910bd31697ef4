import type { TrainEventSink } from '../launch/events.js';
import type { SlurmEventSink } from '../launch/slurm/slurm-events.js';
import { UserError } from '../errors/user-error.js';
import type { Study } from '../study/study.js';
import { runSlurmSweep, type SlurmSweepOutcome } from './slurm-sweep.js';
import { trainStudy, type TrainSummary } from './train-study.js';

/** The choices of `seedstudy train`, already parsed. */
export interface TrainCommandOptions {
  concurrency?: number | undefined;
  onlyArm?: string | undefined;
  /** Python with mlx-lm (absolute, or a command name looked up in PATH). */
  python?: string | undefined;
  force?: boolean | undefined;
  /** Slurm: submit (or re-attach) and return. */
  detach?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** Local training's events (live progress). */
  onTrainEvent?: TrainEventSink | undefined;
  /** Slurm's events (submissions, queue changes, ends). */
  onSlurmEvent?: SlurmEventSink | undefined;
  /** Train every seed of a study with a `sequential:` design up front (what the design exists to avoid). */
  allSeeds?: boolean | undefined;
}

/** What `seedstudy train` did: a local sweep's summary, or a Slurm sweep's outcome. */
export type TrainCommandResult =
  | { executor: 'local'; summary: TrainSummary; exitCode: number }
  | { executor: 'slurm'; sweep: SlurmSweepOutcome; exitCode: number };

/**
 * The body of `seedstudy train` without its printing: trains the study locally (trainStudy,
 * which holds the study lock) or hands it to Slurm (runSlurmSweep, likewise). The exit code
 * is 0 when all succeeded, 1 when a run failed, 130 when interrupted.
 */
export async function trainStudyCommand(study: Study, options: TrainCommandOptions = {}): Promise<TrainCommandResult> {
  if (study.sequential && !options.allSeeds) {
    // A sequential design trains the seeds of one look at a time and stops when the question is decided.
    throw new UserError(
      `this study has a sequential design: \`seedstudy train\` would train all ${study.seeds.length} seeds up front`,
      {
        file: study.file,
        keyPath: 'sequential',
        fix: 'run `seedstudy run` (it trains the seeds of one look at a time and stops when the question is decided), or pass --all-seeds to train every seed anyway',
      },
    );
  }
  if (study.executor.kind === 'slurm') {
    // Slurm runs never go through trainStudy/decideResume: its recovery of "running" runs would kill live tasks.
    const sweep = await runSlurmSweep(study, {
      evaluate: false,
      detach: Boolean(options.detach),
      command: 'seedstudy train',
      signal: options.signal,
      onEvent: options.onSlurmEvent,
    });
    return { executor: 'slurm', sweep, exitCode: sweep.exitCode };
  }
  const summary = await trainStudy(study, {
    ...(options.onlyArm !== undefined && { onlyArm: options.onlyArm }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.python !== undefined && { python: options.python }),
    ...(options.force && { force: true }),
    ...(options.signal && { signal: options.signal }),
    ...(options.onTrainEvent && { onEvent: options.onTrainEvent }),
  });
  const interrupted = summary.outcome === 'interrupted' || Boolean(options.signal?.aborted);
  return { executor: 'local', summary, exitCode: interrupted ? 130 : summary.outcome === 'failed' ? 1 : 0 };
}
