import type { AnalysisResult } from '../statistics/analysis-result.js';
import { runKey, type ObservationIndex } from './aggregate-observations.js';

/**
 * Which checkpoint stands for each (arm, seed) in the headline numbers. The analysis's choice
 * wins (it applied the pre-registered policy); without one the report applies the same policy
 * itself: `final` = last step, `best-val` = lowest val loss (earliest on ties), `step=N`.
 * Exported so the pipeline can load outputs for these checkpoints only.
 */
export function selectPolicyCheckpoints(
  index: ObservationIndex,
  policy: string,
  analysis: AnalysisResult | null,
): Map<string, number> {
  const chosen = new Map<string, number>();
  for (const arm of analysis?.arms ?? [])
    for (const s of arm.per_seed) chosen.set(runKey(arm.arm, s.seed), s.checkpoint);
  const fixedStep = /^step=(\d+)$/.exec(policy);
  for (const [key, cps] of index.checkpoints) {
    if (chosen.has(key) || cps.length === 0) continue;
    if (fixedStep) {
      const step = Number(fixedStep[1]);
      if (cps.some((c) => c.step === step)) chosen.set(key, step);
      continue;
    }
    if (policy === 'best-val') {
      let best: { step: number; valLoss: number } | null = null;
      for (const c of cps)
        if (c.valLoss !== null && c.step > 0 && (!best || c.valLoss < best.valLoss))
          best = { step: c.step, valLoss: c.valLoss };
      if (best) chosen.set(key, best.step);
      continue;
    }
    chosen.set(key, cps[cps.length - 1]!.step);
  }
  return chosen;
}
