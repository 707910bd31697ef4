import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { errorExcerpt } from '../launch/error-excerpt.js';
import { prefixCacheBuildArgv } from '../launch/trainer-argv.js';
import { runTrainerProcess } from '../launch/trainer-process.js';
import { prefixCacheJobs, writeCacheConfig } from '../launch/prefix-cache-jobs.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { Study } from '../study/study.js';

/** One activation cache as its build left it (from its manifest.json). */
export interface PrefixCacheBuilt {
  dir: string;
  bytes: number;
  batches: Record<string, number>;
  /** Wall time of the build step (seconds; near zero when the cache was already complete). */
  buildS: number;
}

/**
 * The first step of `seedstudy train` with the prefix-cache trainer: builds (or verifies and keeps)
 * every activation cache the runs need, before any run starts. Resumable: entries already on disk are
 * checked by sha256 and kept. A refusal (exit 2) is the user's problem and becomes a UserError; any other
 * failure stops the stage with the log's error lines.
 */
export async function buildPrefixCaches(
  study: Study,
  runs: readonly RunSpec[],
  python: string,
  signal?: AbortSignal,
): Promise<PrefixCacheBuilt[]> {
  const built: PrefixCacheBuilt[] = [];
  for (const { dir, config } of prefixCacheJobs(study, runs)) {
    const configPath = await writeCacheConfig(dir, config);
    const logPath = join(dir, 'build.log');
    const outcome = await runTrainerProcess({
      argv: prefixCacheBuildArgv(python, dir, configPath),
      cwd: dir,
      env: { PYTHONUNBUFFERED: '1', HF_HUB_OFFLINE: '1' },
      logPath,
      stallTimeoutS: study.executor.stall_timeout_s,
      graceS: study.executor.grace_s,
      ...(signal && { signal }),
    });
    if (outcome.exitCode !== 0) {
      const refusal = outcome.tail.find((l) => l.includes('prefix-cache: refused:'));
      const refused = outcome.exitCode === 2 && refusal !== undefined;
      const lines = refused ? [refusal.replace(/^.*prefix-cache: refused: /, '')] : errorExcerpt(outcome.tail);
      throw new UserError(
        `${refused ? 'the prefix-cache trainer refused this study' : 'building the activation cache failed'}: ${lines.join(' / ') || `exit ${outcome.exitCode ?? outcome.signal}`}`,
        {
          file: logPath,
          fix: refused
            ? 'change the setting it names, or set executor.trainer: mlx-lm'
            : 'see the log; run `seedstudy train` again to resume the build',
        },
      );
    }
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      bytes: number;
      batches: Record<string, number>;
    };
    built.push({ dir, bytes: manifest.bytes, batches: manifest.batches, buildS: outcome.durationS });
  }
  return built;
}
