import { join } from 'node:path';
import { scorerFingerprint } from '../evaluation/eval-identity.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { checkEvalRecords } from '../evaluation/verify-checkpoint-eval.js';
import { readRunRecord } from '../results/run-record.js';
import { loadStudySuite } from '../evaluation/load-suite.js';
import { rescoreCheckpoint } from '../evaluation/rescore-checkpoint.js';
import { createScorer } from '../evaluation/scorers/registry.js';
import { meanScore } from '../evaluation/write-checkpoint-eval.js';
import { planStudy } from './plan-study.js';
import { runEvaluations } from './run-eval-dirs.js';
import type { Study } from '../study/study.js';
import { UserError } from '../errors/user-error.js';
import { collectObservations } from './collect-observations.js';
import { selectArm } from './eval-study.js';
import { checkRunCheckpoints, integrityError, runLabel } from './verify-results.js';
import { claimOutputDir } from './output-owner.js';

/** What `seedstudy score` did. */
export interface ScoreStudySummary {
  checkpoints: number;
  scores: number;
  /** Checkpoints evaluated by eval.command, which have no stored generations to re-score. */
  commandCheckpoints: number;
  observations: number;
  /** Record files that did not match their manifest: bad scores were re-scored, bad generations left for `eval`. */
  problems: IntegrityProblem[];
}

/**
 * Re-scores every stored generations.jsonl with the study's current scorer, without generating:
 * after a scorer change, a fix to a reference answer, or a new external scorer. The suite's
 * prompts are re-read (scorer fields may change), the generations are not touched. Refuses (UserError)
 * when a checkpoint changed since training; generations that do not match their manifest are not
 * re-scored (the checkpoint needs `eval`) and are reported in `problems`.
 */
export async function scoreStudy(
  study: Study,
  opts: { onlyArm?: string; onProgress?: (m: string) => void } = {},
): Promise<ScoreStudySummary> {
  await claimOutputDir(study);
  const plan = await planStudy(study);
  const runs = selectArm(plan.runs, plan.study.arms, opts.onlyArm, study.file);
  const suite = await loadStudySuite(study);
  const scorer = createScorer(study.eval.scorer, { cwd: join(study.file, '..') });
  const fingerprint = scorerFingerprint(suite, study.eval.scorer);
  const summary: ScoreStudySummary = {
    checkpoints: 0,
    scores: 0,
    commandCheckpoints: 0,
    observations: 0,
    problems: [],
  };
  const changed: IntegrityProblem[] = [];
  for (const spec of runs) {
    const record = await readRunRecord(spec.runDir).catch(() => undefined);
    if (record?.runId === spec.runId) changed.push(...(await checkRunCheckpoints(record)));
  }
  if (changed.length > 0) throw integrityError(changed, study.file);
  const seen = new Set<string>(); // the shared base evaluation is re-scored once, not once per run
  for (const spec of runs) {
    for (const { step, dir, manifest, shared } of await runEvaluations(spec.runDir, spec.runId)) {
      if (seen.has(dir)) continue;
      seen.add(dir);
      const found = await checkEvalRecords(dir, manifest, shared ? 'base model' : runLabel(spec), ['rescore']);
      summary.problems.push(...found);
      if (found.some((p) => p.heal === 'reevaluate')) continue;
      if (manifest.mode === 'command') {
        summary.commandCheckpoints++;
        continue;
      }
      const scores = await rescoreCheckpoint(dir, manifest, suite, scorer, fingerprint);
      summary.checkpoints++;
      summary.scores += scores.length;
      const who = shared ? 'base model' : `${spec.arm}/seed-${spec.seed} step ${step}`;
      opts.onProgress?.(`${who}: mean score ${meanScore(scores)}`);
    }
  }
  if (summary.checkpoints === 0 && summary.commandCheckpoints === 0) {
    throw new UserError('no evaluated checkpoints to score', { file: study.file, fix: 'run `seedstudy eval` first' });
  }
  const left: IntegrityProblem[] = [];
  summary.observations = (await collectObservations(study.outputDir, plan.runs, left)).length;
  const reported = new Set(summary.problems.map((p) => p.file));
  summary.problems.push(...left.filter((p) => !reported.has(p.file)));
  return summary;
}
