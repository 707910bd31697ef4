import { UserError } from '../errors/user-error.js';
import { describeIntegrityProblem, type IntegrityProblem } from '../evaluation/integrity-problem.js';
import { checkCheckpointFile, checkEvalRecords } from '../evaluation/verify-checkpoint-eval.js';
import { runEvaluations } from './run-eval-dirs.js';
import { readRunRecord, type RunRecord } from '../results/run-record.js';

/** The `arm/seed-N` label problems carry. */
export function runLabel(run: Pick<RunRecord, 'arm' | 'seed'>): string {
  return `${run.arm}/seed-${run.seed}`;
}

/** Every live checkpoint of a trained run re-hashed against run.json (none when the run is not trained). */
export async function checkRunCheckpoints(record: RunRecord | undefined): Promise<IntegrityProblem[]> {
  if (!record || record.status !== 'succeeded') return [];
  const problems: IntegrityProblem[] = [];
  for (const c of record.checkpoints) {
    const p = await checkCheckpointFile(c, runLabel(record));
    if (p) problems.push(p);
  }
  return problems;
}

/**
 * Everything a reader of one run's results relies on: its checkpoints' bytes (run.json) and the
 * record files of each checkpoint evaluated for this run (manifests of another runId are ignored).
 * Read-only, so `status` and `report` can call it. `missingCheckpointsOk`: a checkpoint file that is
 * not there is no problem (results copied without their adapters can still be reported: the
 * recorded sha256 is unverifiable, not wrong); one that is there with other bytes always is.
 */
export async function verifyRunResults(
  runDir: string,
  opts: { missingCheckpointsOk?: boolean } = {},
): Promise<IntegrityProblem[]> {
  const record = await readRunRecord(runDir).catch(() => undefined);
  if (!record) return [];
  const problems = (await checkRunCheckpoints(record)).filter(
    (p) => !opts.missingCheckpointsOk || p.kind !== 'checkpoint' || p.actual !== null,
  );
  for (const { dir, manifest, shared } of await runEvaluations(runDir, record.runId)) {
    problems.push(...(await checkEvalRecords(dir, manifest, shared ? 'base model' : runLabel(record), [])));
  }
  return problems;
}

/** A UserError listing problems that stop a command from using these results, and what heals them. */
export function integrityError(problems: readonly IntegrityProblem[], file: string): UserError {
  const lines = problems.map((p) => `  - ${describeIntegrityProblem(p)}`);
  const retrain = problems.some((p) => p.heal === 'retrain');
  return new UserError(`stored results no longer match what was recorded:\n${lines.join('\n')}`, {
    file,
    fix: retrain
      ? 'run `seedstudy run` (it retrains changed runs and re-evaluates them), or restore the original files'
      : 'run `seedstudy eval` (it re-evaluates or re-scores those checkpoints), or `seedstudy run`',
  });
}
