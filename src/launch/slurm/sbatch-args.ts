import type { SlurmExecutorSettings } from './slurm-settings.js';
import { formatArrayIndices } from './task-state.js';

/** What one submission needs besides the study's executor block. */
export interface SbatchInput {
  indices: readonly number[];
  jobName: string;
  logPattern: string;
  chdir: string;
  script: string;
  /** Submit held, so run records can name the job before any task starts; released right after. */
  hold: boolean;
  /** A job that must succeed first (the prefix-cache build): `--dependency=afterok:<id>`. */
  afterOk?: string | undefined;
}

/**
 * The sbatch argv for one batch: the array with its `%N` throttle from `concurrency`, per-task
 * logs, and every resource setting of the executor block, then the user's extra_args.
 */
export function sbatchArgs(executor: SlurmExecutorSettings, input: SbatchInput): string[] {
  const args = [
    '--parsable',
    ...(input.hold ? ['--hold'] : []),
    `--job-name=${input.jobName}`,
    `--array=${formatArrayIndices(input.indices)}%${executor.concurrency}`,
    `--output=${input.logPattern}`,
    '--open-mode=append',
    `--chdir=${input.chdir}`,
    // A failed dependency cancels the array instead of leaving it pending forever.
    ...(input.afterOk ? [`--dependency=afterok:${input.afterOk}`, '--kill-on-invalid-dep=yes'] : []),
  ];
  return [...args, ...resourceArgs(executor), ...executor.extra_args, input.script];
}

/**
 * The sbatch argv of the prefix-cache build job: one plain job (no array) with the executor's resources,
 * which the study's array then waits for with `--dependency=afterok`.
 */
export function sbatchJobArgs(
  executor: SlurmExecutorSettings,
  input: { jobName: string; logFile: string; chdir: string; script: string },
): string[] {
  const args = [
    '--parsable',
    `--job-name=${input.jobName}`,
    `--output=${input.logFile}`,
    '--open-mode=append',
    `--chdir=${input.chdir}`,
  ];
  return [...args, ...resourceArgs(executor), ...executor.extra_args, input.script];
}

/** The executor's resource requests (partition, time, CPUs, memory, GPUs, account, QoS) as sbatch flags. */
function resourceArgs(executor: SlurmExecutorSettings): string[] {
  const flags: string[] = [];
  if (executor.partition) flags.push(`--partition=${executor.partition}`);
  if (executor.time) flags.push(`--time=${executor.time}`);
  if (executor.cpus_per_task) flags.push(`--cpus-per-task=${executor.cpus_per_task}`);
  if (executor.mem) flags.push(`--mem=${executor.mem}`);
  if (executor.gres) flags.push(`--gres=${executor.gres}`);
  if (executor.account) flags.push(`--account=${executor.account}`);
  if (executor.qos) flags.push(`--qos=${executor.qos}`);
  return flags;
}

/** sbatch --parsable prints `<jobid>` or `<jobid>;<cluster>`. */
export function parseSbatchParsable(stdout: string): string | undefined {
  const m = /^(\d+)(?:;\S+)?$/.exec(stdout.trim().split('\n').pop()?.trim() ?? '');
  return m?.[1];
}
