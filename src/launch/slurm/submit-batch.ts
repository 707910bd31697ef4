import { access, chmod, mkdir } from 'node:fs/promises';
import { execa } from 'execa';
import { UserError } from '../../errors/user-error.js';
import { studyLayout } from '../../plan/run-layout.js';
import type { RunSpec } from '../../plan/run-spec.js';
import { writeFileAtomic } from '../../results/atomic-write.js';
import { readRunRecord, writeRunRecord } from '../../results/run-record.js';
import type { Study } from '../../study/study.js';
import { batchScript } from './batch-script.js';
import { writeJobsLedger, type JobsLedger, type LedgerBatch } from './jobs-ledger.js';
import { nodeCommand } from './node-command.js';
import { pendingRunRecord } from './pending-record.js';
import { parseSbatchParsable, sbatchArgs } from './sbatch-args.js';
import type { SlurmExecutorSettings } from './slurm-settings.js';
import { batchLayout, writeTaskManifest } from './task-manifest.js';

/** Largest array seedstudy submits at once (Slurm's default MaxArraySize is 1001). */
export const MAX_ARRAY_TASKS = 1000;

/** The job name of a study's batches; also how a batch whose job id was never recorded is found again. */
export function jobName(studyName: string, batch: string): string {
  return `seedstudy-${studyName}-${batch}`;
}

async function nextBatchName(ledger: JobsLedger, slurmDir: string): Promise<string> {
  for (let n = ledger.batches.length + 1; ; n++) {
    const name = `batch-${String(n).padStart(4, '0')}`;
    if (ledger.batches.some((b) => b.batch === name)) continue;
    try {
      await access(batchLayout.dir(slurmDir, name));
    } catch {
      return name;
    }
  }
}

/**
 * Submits ONE job array for the given runs. Order of writes, each atomic, so a crash at any point
 * leaves something a re-run can recover: manifest + script, ledger entry without job id, `sbatch
 * --hold`, ledger with job id, each run.json as pending with its task id, then release. Until the
 * release no task runs, so run.json has a single writer at every moment.
 */
export async function submitBatch(
  study: Study,
  executor: SlurmExecutorSettings,
  ledger: JobsLedger,
  runs: readonly RunSpec[],
  evaluate: boolean,
  afterOk?: string,
): Promise<LedgerBatch> {
  if (runs.length === 0 || runs.length > MAX_ARRAY_TASKS)
    throw new Error(`submitBatch: ${runs.length} runs (1..${MAX_ARRAY_TASKS})`);
  const slurmDir = studyLayout.slurmDir(study.outputDir);
  const batch = await nextBatchName(ledger, slurmDir);
  const dir = batchLayout.dir(slurmDir, batch);
  await mkdir(dir, { recursive: true });
  const tasks = runs.map((spec, index) => ({
    index,
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    runDir: spec.runDir,
  }));
  const manifest = batchLayout.manifest(dir);
  await writeTaskManifest(manifest, {
    schemaVersion: 1,
    batch,
    studyFile: study.file,
    outputDir: study.outputDir,
    createdAt: new Date().toISOString(),
    evaluate,
    tasks,
  });
  const name = jobName(study.name, batch);
  const script = batchLayout.script(dir);
  const args = sbatchArgs(executor, {
    indices: tasks.map((t) => t.index),
    jobName: name,
    logPattern: batchLayout.logPattern(dir),
    chdir: dir,
    script,
    hold: true,
    afterOk,
  });
  await writeFileAtomic(
    script,
    batchScript({
      studyName: study.name,
      batch,
      nodeCommand: nodeCommand(executor),
      studyFile: study.file,
      outputDir: study.outputDir,
      manifest,
      setup: executor.setup,
      sbatchArgs: args,
    }),
  );
  await chmod(script, 0o755);

  const entry: LedgerBatch = {
    batch,
    jobId: null,
    jobName: name,
    submittedAt: new Date().toISOString(),
    dir,
    abandoned: false,
    tasks: tasks.map((t) => ({
      ...t,
      state: null,
      reason: null,
      exitCode: null,
      signal: null,
      final: false,
      outcome: null,
      outcomeReason: null,
    })),
  };
  ledger.batches.push(entry);
  await writeJobsLedger(study.outputDir, ledger);

  const submitted = await execa('sbatch', args, { reject: false, timeout: 120_000 });
  const jobId = submitted.exitCode === 0 ? parseSbatchParsable(String(submitted.stdout)) : undefined;
  if (!jobId) {
    entry.abandoned = true;
    await writeJobsLedger(study.outputDir, ledger);
    const why = `${String(submitted.stderr).trim() || String(submitted.stdout).trim() || submitted.shortMessage}`;
    throw new UserError(`sbatch refused the job array for study "${study.name}": ${why}`, {
      file: study.file,
      keyPath: 'executor',
      fix:
        'check partition, account, qos, time, mem and extra_args against your cluster (sinfo, sacctmgr show assoc); the script is ' +
        script,
    });
  }
  entry.jobId = jobId;
  for (const t of entry.tasks) t.state = 'PENDING';
  await writeJobsLedger(study.outputDir, ledger);
  for (const [i, spec] of runs.entries()) {
    const previous = await readRunRecord(spec.runDir).catch(() => undefined);
    await writeRunRecord(spec.runDir, pendingRunRecord(spec, previous, `${jobId}_${i}`, i));
  }
  await releaseJob(jobId);
  return entry;
}

/** Releases a held job (all its array tasks). */
export async function releaseJob(jobId: string): Promise<void> {
  const r = await execa('scontrol', ['release', jobId], { reject: false, timeout: 60_000 });
  if (r.exitCode !== 0) throw new Error(`scontrol release ${jobId} failed: ${String(r.stderr).trim()}`);
}
