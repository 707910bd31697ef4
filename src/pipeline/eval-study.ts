import { UserError } from '../errors/user-error.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { loadStudySuite } from '../evaluation/load-suite.js';
import { removeStaleEvalTempDirs } from '../evaluation/temp-dirs.js';
import { planStudy } from './plan-study.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { collectObservations } from './collect-observations.js';
import { evaluateRun, type RunEvalResult } from './evaluate-run.js';
import { claimOutputDir } from './output-owner.js';
import { acquireStudyLock } from './study-lock.js';

/** Options of the eval stage (CLI flags). */
export interface EvalStudyOptions {
  onlyArm?: string;
  force?: boolean;
  python?: string;
  signal?: AbortSignal;
  /** Skip taking the study lock (the caller, e.g. `seedstudy run`, already holds it). */
  lockHeld?: boolean;
  onProgress?: (message: string) => void;
  /**
   * Called once every trained run's decision checkpoint is evaluated and observations.jsonl holds
   * them, before any other checkpoint is: the caller can compute and print the headline now.
   */
  onDecisionCheckpoints?: (observations: number) => Promise<void>;
}

/** What `seedstudy eval` did over the study. */
export interface EvalStudySummary {
  runs: RunEvalResult[];
  notTrained: { arm: string; seed: number; status: string }[];
  observations: number;
  /** Record files that did not match their manifest: healed (runs[].problems) or left out of the observations. */
  problems: IntegrityProblem[];
}

/**
 * The eval stage: every trained run's decision checkpoint (the pre-registered policy's), then every
 * other checkpoint and the base model (evaluated once for all runs that share it), one worker session
 * per run and phase; then observations.jsonl for the analysis. Runs not trained yet are listed, not errors, so a
 * partial study can be evaluated as it goes.
 */
export async function evalStudy(study: Study, opts: EvalStudyOptions = {}): Promise<EvalStudySummary> {
  const plan = await planStudy(study);
  const runs = selectArm(plan.runs, plan.study.arms, opts.onlyArm, study.file);
  const suite = await loadStudySuite(study);
  const lock = opts.lockHeld ? undefined : await acquireStudyLock(study.outputDir, 'seedstudy eval');
  try {
    await claimOutputDir(study);
    await removeStaleEvalTempDirs(); // left by an eval that was SIGKILLed (its cleanup never ran)
    const summary: EvalStudySummary = { runs: [], notTrained: [], observations: 0, problems: [] };
    const trained: RunSpec[] = [];
    for (const spec of runs) {
      const record = await readRunRecord(spec.runDir);
      if (record?.status !== 'succeeded' || record.runId !== spec.runId) {
        summary.notTrained.push({
          arm: spec.arm,
          seed: spec.seed,
          status: record ? (record.runId !== spec.runId ? 'stale (config changed)' : record.status) : 'not started',
        });
      } else trained.push(spec);
    }
    const byRun = new Map<string, RunEvalResult>();
    // Every run's decision checkpoint first (the headline needs only those), then everything else.
    for (const phase of ['decision', 'rest'] as const) {
      for (const spec of trained) {
        if (opts.signal?.aborted) break;
        if (phase === 'decision') opts.onProgress?.(`evaluating ${spec.arm}/seed-${spec.seed} (decision checkpoint)`);
        else opts.onProgress?.(`evaluating ${spec.arm}/seed-${spec.seed}`);
        const done = await evaluateRun(study, spec, {
          suite,
          modelSha256: plan.model.sha256,
          phase,
          ...(opts.force !== undefined ? { force: opts.force } : {}),
          ...(opts.python ? { python: opts.python } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        });
        const before = byRun.get(spec.runId);
        byRun.set(spec.runId, before ? mergeRunEval(before, done) : done);
      }
      if (phase === 'decision' && !opts.signal?.aborted && opts.onDecisionCheckpoints && trained.length > 0) {
        const rows = await collectObservations(study.outputDir, plan.runs, []);
        await opts.onDecisionCheckpoints(rows.length);
      }
    }
    summary.runs = [...byRun.values()];
    const left: IntegrityProblem[] = [];
    summary.observations = (await collectObservations(study.outputDir, plan.runs, left)).length;
    summary.problems = [...summary.runs.flatMap((r) => r.problems), ...left];
    return summary;
  } finally {
    await lock?.release();
  }
}

/** One run's two phases (decision checkpoint, rest) as one result. */
export function mergeRunEval(a: RunEvalResult, b: RunEvalResult): RunEvalResult {
  return {
    ...b,
    evaluated: [...a.evaluated, ...b.evaluated],
    skipped: [...a.skipped, ...b.skipped],
    rescored: [...a.rescored, ...b.rescored],
    modelLoads: a.modelLoads + b.modelLoads,
    manifests: [...a.manifests, ...b.manifests],
    keep: b.keep ?? a.keep,
    problems: [...a.problems, ...b.problems],
  };
}

/** The plan's runs, optionally of one arm (an unknown arm is a UserError listing the arms). */
export function selectArm(
  runs: readonly RunSpec[],
  arms: readonly string[],
  onlyArm: string | undefined,
  file: string,
): RunSpec[] {
  if (onlyArm === undefined) return [...runs];
  if (!arms.includes(onlyArm))
    throw new UserError(`no arm named "${onlyArm}" in the study`, { file, fix: `use one of: ${arms.join(', ')}` });
  return runs.filter((r) => r.arm === onlyArm);
}
