import { querySacct, readJobcompStates } from './finished-jobs.js';
import { readSlurmAccountingConfig } from './slurm-config.js';
import { querySqueue } from './squeue.js';
import { parseTaskIds, type SlurmTaskState } from './task-state.js';

/**
 * The current state of each given task id (`12_3`), from the best source that knows it:
 * slurmctld (squeue, live and for MinJobAge seconds after the end), then sacct when the
 * cluster has accounting, then the jobcomp/filetxt log. Ids nobody knows are absent from the map.
 */
export async function queryTaskStates(ids: readonly string[]): Promise<Map<string, SlurmTaskState>> {
  const out = new Map<string, SlurmTaskState>();
  if (ids.length === 0) return out;
  const wanted = new Set(ids);
  // Query by array job id: one short argument per batch instead of one per task.
  const jobIds = [...new Set(ids.flatMap((id) => parseTaskIds(id).map((t) => t.jobId)))];
  for (const s of await querySqueue(jobIds)) if (wanted.has(s.id)) out.set(s.id, s);
  let missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const config = await readSlurmAccountingConfig();
  if (config.accounting) {
    const missingJobs = [...new Set(missing.flatMap((id) => parseTaskIds(id).map((t) => t.jobId)))];
    for (const s of await querySacct(missingJobs)) if (wanted.has(s.id) && !out.has(s.id)) out.set(s.id, s);
    missing = ids.filter((id) => !out.has(id));
  }
  if (missing.length > 0 && config.jobcompFile) {
    for (const s of await readJobcompStates(config.jobcompFile, missing)) out.set(s.id, s);
  }
  return out;
}
