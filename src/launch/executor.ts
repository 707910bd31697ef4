import type { RunSpec } from '../plan/run-spec.js';
import type { RunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import type { TrainEventSink } from './events.js';

/** What an executor needs besides the runs. */
export interface ExecuteOptions {
  /** Aborting stops running trainers (they are recorded as interrupted) and starts no new ones. */
  signal?: AbortSignal;
  onEvent?: TrainEventSink;
  /** Overrides the study's executor concurrency. */
  concurrency?: number;
  /** Python interpreter with mlx-lm (already resolved). */
  python?: string;
  /**
   * Runs one training in a slot of a budget shared with evaluations (`seedstudy run` evaluates finished
   * runs while others train); replaces the executor's own `concurrency` limit. Local executor only.
   */
  trainSlot?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Called as each run's training ends (any status), so its evaluation can start at once. */
  onRunDone?: (spec: RunSpec, record: RunRecord) => void;
}

/**
 * Runs a list of training runs somewhere (this machine, a Slurm cluster) and returns the final
 * record of each run it attempted, in the given order. Resume decisions (which runs to give it)
 * are made before, by the pipeline, so every executor skips and retries the same way.
 */
export interface Executor {
  readonly kind: 'local' | 'slurm';
  execute(study: Study, runs: readonly RunSpec[], options: ExecuteOptions): Promise<RunRecord[]>;
}
