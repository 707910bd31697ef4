import { loadStudy } from '../study/load-study.js';
import { printIntegrityProblems } from './print-integrity.js';
import { studyStatusReport, type RunStatusRow, type StudyStatus } from '../pipeline/study-status.js';

const MARK: Record<RunStatusRow['train'], string> = {
  succeeded: '✓',
  running: '▶',
  pending: '…',
  failed: '✗',
  interrupted: '⏸',
  'not-started': '·',
  stale: '!',
};

/** Body of `seedstudy status`: the table of runs, the counts, the lock holder and the Slurm queue. */
export async function printStatus(studyFile: string, output: string | undefined, json: boolean): Promise<void> {
  const study = await loadStudy(studyFile, output !== undefined ? { output } : {});
  const { status, slurm } = await studyStatusReport(study);
  if (json) {
    console.log(JSON.stringify({ ...status, ...(slurm ? { slurm } : {}) }, null, 2));
    return;
  }
  console.log(renderStatus(status));
  printIntegrityProblems(status.problems);
  if (slurm) {
    const { formatSlurmQueueStatus } = await import('../launch/slurm/queue-status.js');
    for (const line of ['', 'Slurm queue:', ...formatSlurmQueueStatus(slurm)]) console.log(line);
  }
}

/** The human table: one line per run, then a one-line summary and what to do next. */
export function renderStatus(s: StudyStatus): string {
  const lines = [`study ${s.study}  (${s.outputDir})`];
  const armWidth = Math.max(3, ...s.runs.map((r) => r.arm.length));
  for (const r of s.runs) {
    const train =
      r.train === 'running' && r.lastIteration !== null && r.iters !== null
        ? `running ${r.lastIteration}/${r.iters}`
        : r.train;
    const ev = r.evalPlanned > 0 ? `eval ${r.evalDone}/${r.evalPlanned}` : '';
    const why = r.failureReason && r.train !== 'succeeded' ? `  ${r.failureReason}` : '';
    const job = r.slurmJob ? `  job ${r.slurmJob}` : '';
    lines.push(
      `  ${MARK[r.train]} ${r.arm.padEnd(armWidth)}  seed ${String(r.seed).padStart(4)}  ${train.padEnd(16)} ${ev.padEnd(10)}${job}${why}`,
    );
  }
  const c = s.counts;
  lines.push(
    '',
    `${c.total} runs: ${c.succeeded} trained (${c.evaluated} fully evaluated), ${c.running} running, ${c.failed} failed, ` +
      `${c.interrupted} interrupted, ${c.notStarted} not started${c.stale ? `, ${c.stale} stale (config changed)` : ''}`,
  );
  if (s.lock)
    lines.push(`in progress: ${s.lock.command} (pid ${s.lock.pid} on ${s.lock.host}, since ${s.lock.startedAt})`);
  const remaining = c.total - c.evaluated;
  if (remaining > 0 && !s.lock) lines.push(`next: seedstudy run <study> resumes the ${remaining} run(s) not finished`);
  else if (remaining === 0)
    lines.push(
      s.analyzed
        ? 'all runs trained and evaluated; analysis written'
        : 'all runs trained and evaluated; next: seedstudy analyze / report',
    );
  return lines.join('\n');
}
