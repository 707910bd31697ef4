import type { CheckpointTarget } from '../evaluation/write-checkpoint-eval.js';

/**
 * Which part of a run's evaluation a call does. `decision`: only the decision checkpoint (the one the
 * pre-registered policy scores the run at; every checkpoint when it cannot be known ahead);
 * `rest`: everything else, the base model included; `all`: both, decision checkpoint first.
 */
export type EvalPhase = 'decision' | 'rest' | 'all';

/**
 * The targets of one phase, in evaluation order: the decision checkpoint, then the base model, then the
 * other checkpoints by step. With the decision unknown, every checkpoint belongs to the decision phase
 * (the headline needs them all) and the base to the rest.
 */
export function orderTargets(
  checkpoints: readonly CheckpointTarget[],
  base: CheckpointTarget | undefined,
  decision: number | undefined,
  phase: EvalPhase,
): CheckpointTarget[] {
  const byStep = [...checkpoints].sort((a, b) => a.step - b.step);
  const first = decision === undefined ? byStep : byStep.filter((t) => t.step === decision);
  const rest = [...(base ? [base] : []), ...byStep.filter((t) => !first.includes(t))];
  if (phase === 'decision') return first;
  if (phase === 'rest') return rest;
  return [...first, ...rest];
}
