import type { AnalysisResult } from '../statistics/analysis-result.js';
import { valueOf } from './from-analysis.js';
import { checkpointVerdicts } from '../wording/checkpoint-selection.js';
import type { CheckpointSelectionArm } from './report-model.js';

/**
 * The checkpoint-selection section from the analysis's `checkpoints[]` and `correlation[]`: per
 * seed the final, best-val and oracle checkpoints, and per arm the sentences on the oracle's
 * optimism, how often val loss finds the eval-best checkpoint, and val loss vs eval within seeds.
 */
export function checkpointSelection(analysis: AnalysisResult | null): CheckpointSelectionArm[] {
  if (!analysis) return [];
  return (analysis.checkpoints ?? []).map((cp) => ({
    arm: cp.arm,
    seeds: cp.per_seed.map((s) => {
      const best = valueOf(s.best_val);
      return {
        seed: s.seed,
        final: s.final,
        bestVal: best ? { step: best.step, score: best.score, valLoss: best.val_loss } : null,
        oracle: s.oracle,
        regret: valueOf(s.regret),
      };
    }),
    verdicts: checkpointVerdicts(
      cp,
      (analysis.correlation ?? []).find((c) => c.arm === cp.arm),
    ),
  }));
}
