import pLimit from 'p-limit';
import type { RunSpec } from '../plan/run-spec.js';
import type { RunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { probeEngineVersions } from './engine-versions.js';
import type { ExecuteOptions, Executor } from './executor.js';
import { seedMajor } from './seed-major.js';
import { trainRun } from './train-run.js';

/**
 * The default executor: trains runs on this machine, `concurrency` at a time (default 1, because
 * a Mac's GPU memory is shared), in seed-major order. A failed run does not stop the sweep;
 * aborting the signal stops the running trainers and starts no new ones.
 */
export const localExecutor: Executor = {
  kind: 'local',
  async execute(study: Study, runs: readonly RunSpec[], options: ExecuteOptions): Promise<RunRecord[]> {
    const concurrency = options.concurrency ?? study.executor.concurrency ?? 1;
    const own = pLimit(Math.max(1, concurrency));
    const limit = options.trainSlot ?? (<T>(work: () => Promise<T>) => own(work));
    if (runs.length === 0) return [];
    const versions = await probeEngineVersions(options.python);
    const internal = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
    let first: { error: unknown } | undefined;
    const results = await Promise.all(
      seedMajor(runs, study.seeds).map((spec) =>
        limit(async (): Promise<RunRecord | undefined> => {
          if (signal.aborted) return undefined;
          try {
            const record = await trainRun(study, spec, {
              ...(options.python && { python: options.python }),
              versions,
              signal,
              ...(options.onEvent && { onEvent: options.onEvent }),
            });
            options.onRunDone?.(spec, record);
            return record;
          } catch (error) {
            // An error here is not a trainer failure (those are records) but a bug or I/O error:
            // stop the sweep cleanly, then report it.
            first ??= { error };
            internal.abort();
            return undefined;
          }
        }),
      ),
    );
    if (first) throw first.error;
    return results.filter((r): r is RunRecord => r !== undefined);
  },
};
