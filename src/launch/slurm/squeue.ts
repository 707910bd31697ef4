import { execa } from 'execa';
import { decodeWaitStatus, normaliseSlurmState } from './slurm-states.js';
import { parseTaskIds, type SlurmTaskState } from './task-state.js';

/** The squeue output format: one `|`-separated line per task, `-r` expanding array tasks. */
export const SQUEUE_FORMAT = 'JobArrayID:|,State:|,exit_code:|,Reason:|,TimeLimit:|';

/**
 * Parses `squeue -h -r -t all -O '<SQUEUE_FORMAT>'` output. Pure, so it is tested on recorded
 * output without a cluster. Lines it cannot read are skipped (squeue prints warnings to stderr).
 */
export function parseSqueueOutput(text: string): SlurmTaskState[] {
  const out: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('|').map((s) => s.trim());
    if (f.length < 3 || !f[0] || !f[1]) continue;
    const raw = Number(f[2]);
    const code = Number.isFinite(raw) ? decodeWaitStatus(raw) : undefined;
    const reason = f[3] && f[3] !== 'None' && f[3] !== '(null)' ? f[3] : null;
    const timeLimit = f[4] ? f[4] : null;
    for (const ids of parseTaskIds(f[0])) {
      out.push({
        id: ids.arrayTaskId === null ? ids.jobId : `${ids.jobId}_${ids.arrayTaskId}`,
        ...ids,
        state: normaliseSlurmState(f[1]),
        exitCode: code?.exitCode ?? null,
        signal: code?.signal ?? null,
        reason,
        timeLimit,
        source: 'squeue',
      });
    }
  }
  return out;
}

/** squeue could not reach the controller (as opposed to: it does not know these jobs). */
export class SlurmUnavailableError extends Error {
  override name = 'SlurmUnavailableError';
}

/**
 * Asks slurmctld for the given jobs or tasks (`-t all` includes finished ones for MinJobAge
 * seconds). Ids Slurm no longer knows are simply absent from the result; an unreachable
 * controller throws SlurmUnavailableError, so callers never mistake an outage for lost jobs.
 */
export async function querySqueue(
  ids: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<SlurmTaskState[]> {
  if (ids.length === 0) return [];
  const run = (list: readonly string[]) =>
    execa('squeue', ['-h', '-r', '-t', 'all', '-j', list.join(','), '-O', SQUEUE_FORMAT], {
      reject: false,
      timeout: options.timeoutMs ?? 60_000,
    });
  const result = await run(ids);
  if (result.exitCode === 0) return parseSqueueOutput(String(result.stdout));
  const err = String(result.stderr);
  if (!/Invalid job id/i.test(err))
    throw new SlurmUnavailableError(`squeue failed (exit ${result.exitCode}): ${err.trim() || result.shortMessage}`);
  // At least one id is unknown and squeue refuses the whole list only when all are: ask one by one.
  if (ids.length === 1) return [];
  const out: SlurmTaskState[] = [];
  for (const id of ids) out.push(...(await querySqueue([id], options)));
  return out;
}
