import type { SlurmEvent } from '../launch/slurm/slurm-events.js';

const who = (r: { arm: string; seed: number }) => `${r.arm}/seed-${r.seed}`;

/** One plain line per Slurm event (queue changes are rare enough that a live display adds nothing). */
export function renderSlurmEvent(e: SlurmEvent): string | undefined {
  switch (e.type) {
    case 'slurm-skip':
      return `  skip ${who(e.run)}: ${e.reason}`;
    case 'slurm-submitted':
      return `submitted array job ${e.jobId} (${e.runs.length} task(s), batch ${e.batch}): ${e.runs.map((r) => `${r.taskId}=${who(r)}`).join(', ')}`;
    case 'slurm-reattached':
      return `re-attached to ${e.runs.length} queued/running task(s): ${e.runs.map((r) => `${r.taskId} ${r.state}`).join(', ')}`;
    case 'slurm-state':
      return `  ${e.taskId} ${who(e.run)}: ${e.state}${e.reason && e.reason !== 'None' ? ` (${e.reason})` : ''}`;
    case 'slurm-run-end':
      return `  ${e.status === 'succeeded' ? '✓' : '✗'} ${e.taskId} ${who(e.run)}: ${e.state} → ${e.status}${e.reason ? `: ${e.reason}` : ''}${e.status === 'succeeded' ? '' : `\n    log: ${e.logPath}`}`;
    case 'slurm-detached':
      return `detached; jobs ${e.jobIds.join(', ')} keep running. Check with: seedstudy status <study>`;
    case 'slurm-monitor-stopped':
      return `stopped watching (${e.reason}); jobs ${e.jobIds.join(', ')} keep running on the cluster; re-run to re-attach`;
  }
}
