import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { decodeExitPair, normaliseSlurmState } from './slurm-states.js';
import { parseTaskIds, taskId, type SlurmTaskState } from './task-state.js';

/**
 * Parses `sacct -n -P -X -o JobID,State,ExitCode,Reason,Timelimit` output (array tasks print
 * as `12_3`). Pure. Used for jobs squeue has forgotten, when the cluster has accounting.
 */
export function parseSacctOutput(text: string): SlurmTaskState[] {
  const out: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('|');
    if (f.length < 3 || !f[0]) continue;
    const code = decodeExitPair(f[2] ?? '');
    for (const ids of parseTaskIds(f[0])) {
      out.push({
        id: taskId(ids.jobId, ids.arrayTaskId),
        ...ids,
        state: normaliseSlurmState(f[1] ?? ''),
        exitCode: code?.exitCode ?? null,
        signal: code?.signal ?? null,
        reason: f[3] && f[3] !== 'None' ? f[3] : null,
        timeLimit: f[4] || null,
        source: 'sacct',
      });
    }
  }
  return out;
}

/** Final states of the given jobs from sacct (empty when sacct fails: no accounting). */
export async function querySacct(jobIds: readonly string[]): Promise<SlurmTaskState[]> {
  if (jobIds.length === 0) return [];
  const r = await execa(
    'sacct',
    ['-n', '-P', '-X', '-j', jobIds.join(','), '-o', 'JobID,State,ExitCode,Reason,Timelimit'],
    {
      reject: false,
      timeout: 60_000,
    },
  );
  return r.exitCode === 0 ? parseSacctOutput(String(r.stdout)) : [];
}

/**
 * Parses the jobcomp/filetxt log: one `Key=value ...` line per finished job or task. A job
 * array cancelled while wholly pending has ONE line without ArrayJobId; it is returned with
 * arrayTaskId null and means "every task of this job". Pure.
 */
export function parseJobcompLog(text: string): SlurmTaskState[] {
  const out: SlurmTaskState[] = [];
  for (const line of text.split('\n')) {
    const kv = new Map<string, string>();
    for (const m of line.matchAll(/(\w+)=(\S*)/g)) if (!kv.has(m[1]!)) kv.set(m[1]!, m[2]!);
    const raw = kv.get('JobId');
    const state = kv.get('JobState');
    if (!raw || !state) continue;
    const arrayJob = kv.get('ArrayJobId');
    const index = kv.get('ArrayTaskId');
    const isTask = arrayJob !== undefined && arrayJob !== '' && index !== undefined && /^\d+$/.test(index);
    const jobId = isTask ? arrayJob : raw;
    const arrayTaskId = isTask ? Number(index) : null;
    const code = decodeExitPair(kv.get('ExitCode') ?? '');
    out.push({
      id: taskId(jobId, arrayTaskId),
      jobId,
      arrayTaskId,
      state: normaliseSlurmState(state),
      exitCode: code?.exitCode ?? null,
      signal: code?.signal ?? null,
      reason: null,
      timeLimit: kv.get('TimeLimit') ?? null,
      source: 'jobcomp',
    });
  }
  return out;
}

/**
 * Looks tasks up in the jobcomp log. The last line for an id wins (a requeued task is logged
 * again); a whole-array line answers for each wanted task of that array.
 */
export async function readJobcompStates(file: string, wanted: readonly string[]): Promise<SlurmTaskState[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const records = parseJobcompLog(text);
  const byId = new Map<string, SlurmTaskState>();
  for (const r of records) byId.set(r.id, r);
  const out: SlurmTaskState[] = [];
  for (const id of wanted) {
    const exact = byId.get(id);
    if (exact) {
      out.push(exact);
      continue;
    }
    const [ids] = parseTaskIds(id);
    const whole = ids && ids.arrayTaskId !== null ? byId.get(ids.jobId) : undefined;
    if (ids && whole && whole.arrayTaskId === null) out.push({ ...whole, id, arrayTaskId: ids.arrayTaskId });
  }
  return out;
}
