import { decisionStep } from '../evaluation/decision-step.js';
import { readLossAhead } from '../evaluation/loss-ahead.js';
import { selectCheckpoints } from '../evaluation/select-checkpoints.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { runEvaluations } from './run-eval-dirs.js';

/**
 * True when a run's decision checkpoint (the one the pre-registered policy scores it at) is evaluated:
 * the run can enter the headline even though its other checkpoints are still to come. Evaluation goes
 * decision checkpoint first (eval-order.ts), so the analysis then picks the same checkpoint it will pick
 * when the run is complete: for best-val every other evaluated checkpoint has a loss at least as high.
 * When the decision cannot be known ahead, the run counts once every selected checkpoint is evaluated.
 */
export async function decisionScored(study: Study, spec: RunSpec): Promise<boolean> {
  const record = await readRunRecord(spec.runDir).catch(() => undefined);
  if (record?.status !== 'succeeded' || record.runId !== spec.runId) return false;
  const selected = selectCheckpoints(record.checkpoints, study.eval.checkpoints);
  const evaluated = new Map((await runEvaluations(spec.runDir, spec.runId)).map((e) => [e.step, e.manifest]));
  const valLoss = new Map<number, number | null>();
  for (const [step, entry] of await readLossAhead(spec.runDir)) valLoss.set(step, entry.val_loss);
  for (const [step, m] of evaluated) if (!valLoss.has(step)) valLoss.set(step, m.val_loss);
  const decision = decisionStep(study.analysis.checkpoint, selected, valLoss);
  const sha = new Map(selected.map((c) => [c.step, c.sha256]));
  const current = (step: number) => evaluated.get(step)?.checkpoint_sha256 === sha.get(step);
  return decision === undefined ? selected.length > 0 && selected.every((c) => current(c.step)) : current(decision);
}
