import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { loadStudySuite } from '../evaluation/load-suite.js';
import { removeStaleEvalTempDirs } from '../evaluation/temp-dirs.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { collectObservations } from './collect-observations.js';
import { mergeRunEval, type EvalStudySummary } from './eval-study.js';
import { evaluateRun, type RunEvalResult } from './evaluate-run.js';
import type { ModelSlots } from './model-slots.js';

/** What the evaluation beside training needs. */
export interface EvalAsTrainedOptions {
  slots: ModelSlots;
  runs: readonly RunSpec[];
  modelSha256: string;
  python?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Every run's decision checkpoint is scored (observations.jsonl holds them): the headline is known. */
  onDecisionCheckpoints?: (observations: number) => Promise<void>;
  /** Evaluate only the decision checkpoints (a sequential look); the rest waits for the stop. */
  decisionOnly?: boolean;
  /** The decision checkpoints are already scored (a sequential study after its stop): only the rest. */
  restOnly?: boolean;
}

/** The evaluation side of `seedstudy run`'s local sweep. */
export interface EvalAsTrained {
  /** A run finished training (now or earlier): queue its decision checkpoint. */
  ready(spec: RunSpec): void;
  /** Training is over: wait for the decision checkpoints, then evaluate the rest; the eval summary. */
  finish(): Promise<EvalStudySummary>;
  /** Set when an evaluation failed for a reason that is not a run's (a bug, a bad suite): stop the sweep. */
  readonly failed: AbortSignal;
}

/**
 * Evaluation that overlaps training: each run's decision checkpoint is evaluated as soon as the run has
 * trained, in a model slot (ModelSlots gives it priority over the next training run), while the other
 * runs train; once training is over and every decision checkpoint is in, the headline can be computed,
 * and the remaining checkpoints and the base model follow. With the default budget (one model at a time)
 * this interleaves: train a run, score its decision checkpoint, train the next.
 */
export async function evalAsTrained(study: Study, opts: EvalAsTrainedOptions): Promise<EvalAsTrained> {
  const suite = await loadStudySuite(study);
  await removeStaleEvalTempDirs(); // left by an eval that was SIGKILLed (its cleanup never ran)
  const failure = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, failure.signal]) : failure.signal;
  const byRun = new Map<string, RunEvalResult>();
  const ready: RunSpec[] = [];
  const decisions: Promise<void>[] = [];
  const failed: { error?: unknown; set: boolean } = { set: false };

  const evaluate = async (spec: RunSpec, phase: 'decision' | 'rest'): Promise<void> => {
    if (signal.aborted) return;
    const use = phase === 'decision' ? 'decision-eval' : 'eval';
    await opts.slots.run(use, async () => {
      if (signal.aborted) return;
      opts.onProgress?.(
        `evaluating ${spec.arm}/seed-${spec.seed}${phase === 'decision' ? ' (decision checkpoint)' : ''}`,
      );
      try {
        const done = await evaluateRun(study, spec, {
          suite,
          modelSha256: opts.modelSha256,
          phase,
          signal,
          ...(opts.python ? { python: opts.python } : {}),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        });
        const before = byRun.get(spec.runId);
        byRun.set(spec.runId, before ? mergeRunEval(before, done) : done);
      } catch (e) {
        if (signal.aborted && !failed.set) return; // interrupted by the user: not a failure
        if (!failed.set) Object.assign(failed, { error: e, set: true });
        failure.abort();
      }
    });
  };

  return {
    failed: failure.signal,
    ready(spec) {
      ready.push(spec);
      if (!opts.restOnly) decisions.push(evaluate(spec, 'decision'));
    },
    async finish() {
      await Promise.all(decisions);
      if (failed.set) throw failed.error;
      const order = new Map(opts.runs.map((r, i) => [r.runId, i]));
      const trained = [...ready].sort((a, b) => order.get(a.runId)! - order.get(b.runId)!);
      if (!signal.aborted && trained.length > 0 && opts.onDecisionCheckpoints)
        await opts.onDecisionCheckpoints((await collectObservations(study.outputDir, opts.runs, [])).length);
      if (!opts.decisionOnly) await Promise.all(trained.map((spec) => evaluate(spec, 'rest')));
      if (failed.set) throw failed.error;
      const summary: EvalStudySummary = { runs: [], notTrained: [], observations: 0, problems: [] };
      for (const spec of opts.runs) {
        const result = byRun.get(spec.runId);
        if (result) {
          summary.runs.push(result);
          continue;
        }
        if (trained.includes(spec)) continue;
        const record = await readRunRecord(spec.runDir);
        const status = record
          ? record.runId !== spec.runId
            ? 'stale (config changed)'
            : record.status
          : 'not started';
        summary.notTrained.push({ arm: spec.arm, seed: spec.seed, status });
      }
      const left: IntegrityProblem[] = [];
      summary.observations = (await collectObservations(study.outputDir, opts.runs, left)).length;
      summary.problems = [...summary.runs.flatMap((r) => r.problems), ...left];
      return summary;
    },
  };
}
