import type { CheckpointRecord } from '../results/run-record.js';

/**
 * The step of a run's decision checkpoint: the one the pre-registered policy (`analysis.checkpoint`)
 * scores the run at, so it is evaluated before any other and the headline can be computed as soon as
 * every run's decision checkpoint is in. `final` is the last selected checkpoint, `step=N` that step,
 * `best-val` the lowest exact val loss (earliest on ties; the same rule as the analysis). Undefined
 * when it cannot be known before evaluating (best-val without the losses, or `step=N` not saved).
 */
export function decisionStep(
  policy: string,
  selected: readonly Pick<CheckpointRecord, 'step'>[],
  valLoss?: ReadonlyMap<number, number | null>,
): number | undefined {
  const steps = selected.map((c) => c.step).filter((s) => s > 0);
  if (steps.length === 0) return undefined;
  const fixed = /^step=(\d+)$/.exec(policy);
  if (fixed) return steps.includes(Number(fixed[1])) ? Number(fixed[1]) : undefined;
  if (policy === 'best-val' || policy === 'best-val-loss') {
    let best: { step: number; loss: number } | undefined;
    for (const step of [...steps].sort((a, b) => a - b)) {
      const loss = valLoss?.get(step);
      if (loss === undefined) return undefined; // not all losses known yet
      if (loss !== null && (!best || loss < best.loss)) best = { step, loss };
    }
    return best?.step ?? Math.max(...steps); // no val loss at all: the analysis falls back to final
  }
  return Math.max(...steps);
}
