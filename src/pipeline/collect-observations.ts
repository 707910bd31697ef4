import { readEvalErrors, studyEvalErrorsFile, type EvalErrorRecord } from '../evaluation/eval-error-record.js';
import { evalFiles } from '../evaluation/eval-manifest.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { checkEvalRecords } from '../evaluation/verify-checkpoint-eval.js';
import { studyLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { writeJsonlAtomic } from '../results/atomic-write.js';
import { readJsonl } from '../results/jsonl.js';
import { scoreRecordSchema } from '../results/score-record.js';
import type { Observation } from '../statistics/observation.js';
import { planKey, recordDerived } from './derived-files.js';
import { runEvaluations } from './run-eval-dirs.js';

/**
 * Gathers every run's scores.jsonl (one per evaluated checkpoint, and the shared base model's for
 * step 0, given the run's arm and seed) into long-format Observation rows,
 * each with its checkpoint's exact val loss from the manifest, and writes them to
 * `<output>/observations.jsonl`, the one file the analysis stage reads. Rows are sorted
 * (arm, seed, checkpoint, prompt, repeat) so the file is deterministic. A checkpoint whose record
 * files do not match its manifest is left out (never half-read) and added to `problems`. The plan it
 * was built for is recorded in derived.json, so a reader can tell it from one built for another plan.
 * Prompts that could not be evaluated (errors.jsonl) have no row; they go to `<output>/eval-errors.jsonl`
 * for the analysis' warnings.
 */
export async function collectObservations(
  outputDir: string,
  runs: readonly Pick<RunSpec, 'runDir' | 'runId' | 'arm' | 'seed'>[],
  problems: IntegrityProblem[] = [],
): Promise<Observation[]> {
  const { rows, errors } = await gatherObservations(runs, problems);
  await writeJsonlAtomic(studyLayout.observations(outputDir), rows);
  await writeJsonlAtomic(studyEvalErrorsFile(outputDir), errors);
  await recordDerived(outputDir, 'observations', planKey(runs));
  return rows;
}

/**
 * The rows collectObservations writes, read from the runs' eval records and nothing written: what a
 * reader (a partial `report` or `analyze` while the study runs) uses without touching the writer's files.
 */
export async function gatherObservations(
  runs: readonly Pick<RunSpec, 'runDir' | 'runId' | 'arm' | 'seed'>[],
  problems: IntegrityProblem[] = [],
): Promise<{ rows: Observation[]; errors: EvalErrorRecord[] }> {
  const rows: Observation[] = [];
  const errors: EvalErrorRecord[] = [];
  for (const run of runs) {
    for (const { dir, manifest, shared } of await runEvaluations(run.runDir, run.runId)) {
      const owner = shared ? { arm: run.arm, seed: run.seed } : { arm: manifest.arm, seed: manifest.seed };
      const label = shared ? 'base model' : `${manifest.arm}/seed-${manifest.seed}`;
      const found = await checkEvalRecords(dir, manifest, label, []);
      if (found.length > 0) {
        problems.push(...found);
        continue;
      }
      if (manifest.errors) errors.push(...(await readEvalErrors(dir)).map((e) => (shared ? { ...e, ...owner } : e)));
      for (const raw of await readJsonl(evalFiles.scores(dir))) {
        const s = scoreRecordSchema.parse(raw);
        rows.push({
          arm: shared ? owner.arm : s.arm,
          seed: shared ? owner.seed : s.seed,
          checkpoint: s.step,
          promptId: s.prompt_id,
          category: s.category,
          score: s.score,
          failureClass: s.failure_class,
          ...(manifest.val_loss !== null ? { valLoss: manifest.val_loss } : {}),
          repeat: s.repeat,
        });
      }
    }
  }
  rows.sort(
    (a, b) =>
      cmp(a.arm, b.arm) ||
      a.seed - b.seed ||
      a.checkpoint - b.checkpoint ||
      cmp(a.promptId, b.promptId) ||
      (a.repeat ?? 0) - (b.repeat ?? 0),
  );
  errors.sort(
    (a, b) =>
      cmp(a.arm, b.arm) || a.seed - b.seed || a.step - b.step || cmp(a.prompt_id, b.prompt_id) || a.repeat - b.repeat,
  );
  return { rows, errors };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
