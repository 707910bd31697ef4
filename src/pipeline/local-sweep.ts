import type { TrainEvent } from '../launch/events.js';
import type { Plan, RunSpec } from '../plan/run-spec.js';
import type { Study } from '../study/study.js';
import { evalAsTrained } from './eval-as-trained.js';
import type { EvalStudySummary } from './eval-study.js';
import { ModelSlots } from './model-slots.js';
import { trainStudy, type TrainSummary } from './train-study.js';

/** What one local train-and-evaluate sweep needs (the caller holds the study lock). */
export interface LocalSweepOptions {
  /** The runs of the sweep (all the plan's, or a sequential look's). */
  runs: readonly RunSpec[];
  concurrency?: number | undefined;
  python?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Evaluate only the decision checkpoints (a sequential look). */
  decisionOnly?: boolean;
  /** Only the checkpoints other than the decision one (a sequential study after its stop). */
  restOnly?: boolean;
  onTrainStart?: () => void;
  onTrainEvent?: (event: TrainEvent) => void;
  onEvalProgress?: (message: string) => void;
  onDecisionCheckpoints?: () => Promise<void>;
  /** Training is over; evaluation goes on. */
  onTrained?: (summary: TrainSummary, interrupted: boolean) => void;
}

/** What the sweep ended with; `eval` is undefined when training was interrupted. */
export interface LocalSweepResult {
  train: TrainSummary;
  eval: EvalStudySummary | undefined;
  interrupted: boolean;
}

/** Evaluation slots beside the trainers' (0: evaluations share the training slots). */
function localEvalConcurrency(study: Study): number {
  return study.executor.kind === 'local' ? study.executor.eval_concurrency : 0;
}

/**
 * The local half of `seedstudy run`: train the runs and evaluate each one's decision checkpoint as
 * soon as it has trained, in the same model budget as the trainers (ModelSlots), then (unless
 * `decisionOnly`) the remaining checkpoints. A sequential study calls it once per look with that
 * look's runs and `decisionOnly`, and once more after the stop for the rest.
 */
export async function localSweep(study: Study, plan: Plan, opts: LocalSweepOptions): Promise<LocalSweepResult> {
  const signal = opts.signal;
  const slots = new ModelSlots(opts.concurrency ?? study.executor.concurrency, localEvalConcurrency(study));
  const evaluator = await evalAsTrained(study, {
    slots,
    runs: opts.runs,
    modelSha256: plan.model.sha256,
    ...(signal && { signal }),
    ...(opts.python !== undefined && { python: opts.python }),
    ...(opts.decisionOnly && { decisionOnly: true }),
    ...(opts.restOnly && { restOnly: true }),
    ...(opts.onEvalProgress && { onProgress: opts.onEvalProgress }),
    ...(opts.onDecisionCheckpoints && { onDecisionCheckpoints: opts.onDecisionCheckpoints }),
  });
  opts.onTrainStart?.();
  const all = opts.runs.length === plan.runs.length;
  const summary = await trainStudy(study, {
    signal: signal ? AbortSignal.any([signal, evaluator.failed]) : evaluator.failed,
    lockHeld: true,
    ...(!all && { onlyRuns: new Set(opts.runs.map((r) => r.runId)) }),
    trainSlot: (work) => slots.run('train', work),
    onRunReady: (spec) => evaluator.ready(spec),
    ...(opts.onTrainEvent && { onEvent: opts.onTrainEvent }),
    ...(opts.concurrency !== undefined && { concurrency: opts.concurrency }),
    ...(opts.python !== undefined && { python: opts.python }),
  });
  if (evaluator.failed.aborted) await evaluator.finish(); // throws the evaluation's error
  const interrupted = summary.outcome === 'interrupted' || Boolean(signal?.aborted);
  opts.onTrained?.(summary, interrupted);
  if (interrupted) {
    await evaluator.finish().catch(() => undefined); // let evaluations in flight stop
    return { train: summary, eval: undefined, interrupted: true };
  }
  return { train: summary, eval: await evaluator.finish(), interrupted: false };
}
