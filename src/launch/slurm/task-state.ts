/**
 * What Slurm says about one array task (or a plain job), whichever tool it came from. `id` is
 * `<arrayJobId>_<index>` for array tasks, the form `squeue -j`, `scancel` and users all accept.
 */
export interface SlurmTaskState {
  id: string;
  jobId: string;
  arrayTaskId: number | null;
  /** Normalised state word, e.g. RUNNING, TIMEOUT. */
  state: string;
  exitCode: number | null;
  signal: number | null;
  /** Slurm's reason (e.g. JobArrayTaskLimit, NonZeroExitCode, TimeLimit); null when "None". */
  reason: string | null;
  /** The task's time limit as Slurm prints it (e.g. 1:00, 2-00:00:00, UNLIMITED). */
  timeLimit: string | null;
  source: 'squeue' | 'sacct' | 'jobcomp';
}

/** `<jobId>_<index>` for an array task, the job id alone otherwise. */
export function taskId(jobId: string, arrayTaskId: number | null): string {
  return arrayTaskId === null ? jobId : `${jobId}_${arrayTaskId}`;
}

/**
 * Splits `12_3` into its job and index; also expands the bracket form Slurm prints for
 * not-yet-split array tasks (`12_[0-3,5%2]`), so a caller never mistakes one line for one task.
 */
export function parseTaskIds(text: string): Array<{ jobId: string; arrayTaskId: number | null }> {
  const m = /^(\d+)(?:_(\d+|\[([^\]]*)\]))?$/.exec(text.trim());
  if (!m) return [];
  const jobId = m[1]!;
  if (m[2] === undefined) return [{ jobId, arrayTaskId: null }];
  if (m[3] === undefined) return [{ jobId, arrayTaskId: Number(m[2]) }];
  const out: Array<{ jobId: string; arrayTaskId: number | null }> = [];
  for (const part of m[3].replace(/%\d+$/, '').split(',')) {
    const r = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!r) continue;
    const lo = Number(r[1]);
    const hi = r[2] === undefined ? lo : Number(r[2]);
    const step = r[3] === undefined ? 1 : Math.max(1, Number(r[3]));
    for (let i = lo; i <= hi; i += step) out.push({ jobId, arrayTaskId: i });
  }
  return out;
}

/** Compact `--array` list: 0-3,5,7-8 (sorted, deduplicated). */
export function formatArrayIndices(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
