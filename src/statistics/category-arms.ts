import type { CategoryObservation } from './category-observation.js';
import type { ArmNote } from './arm-note.js';
import type { ArmSeedScores, CheckpointPolicy } from './seed-scores.js';

/**
 * Per-seed scores of arms imported at category level (prompt-count-weighted mean of the
 * category fractions: the per-prompt mean, not the mean of category means). Shaped like
 * `seedScores` output with an empty prompt matrix, so the arm summary works unchanged and
 * every per-prompt statistic reports `insufficient` instead of inventing prompt scores.
 */
export interface CategoryArm {
  seeds: ArmSeedScores;
  /** Per kept seed: category, prompt count and score sum at the chosen checkpoint. */
  categorySums: Map<number, { category: string; promptCount: number; sum: number }[]>;
  promptCount: number;
}

function choose(
  steps: Map<number, CategoryObservation[]>,
  policy: CheckpointPolicy,
): { step: number; fellBack: boolean } | string {
  const sorted = [...steps.keys()].sort((a, b) => a - b);
  const final = sorted[sorted.length - 1]!;
  if (policy.kind === 'final') return { step: final, fellBack: false };
  if (policy.kind === 'step')
    return steps.has(policy.step) ? { step: policy.step, fellBack: false } : `no checkpoint at step ${policy.step}`;
  let best: number | undefined;
  let bestLoss = Infinity;
  for (const s of sorted) {
    const vl = steps.get(s)!.find((o) => o.valLoss !== undefined)?.valLoss;
    if (vl !== undefined && vl < bestLoss) {
      bestLoss = vl;
      best = s;
    }
  }
  return best === undefined ? { step: final, fellBack: true } : { step: best, fellBack: false };
}

/** Groups category-level rows into arms (sorted by name) with per-seed scores under the policy. */
export function categoryArms(rows: readonly CategoryObservation[], policy: CheckpointPolicy): CategoryArm[] {
  const byArm = new Map<string, Map<number, Map<number, CategoryObservation[]>>>();
  for (const r of rows) {
    const seeds = byArm.get(r.arm) ?? new Map<number, Map<number, CategoryObservation[]>>();
    byArm.set(r.arm, seeds);
    const steps = seeds.get(r.seed) ?? new Map<number, CategoryObservation[]>();
    seeds.set(r.seed, steps);
    const list = steps.get(r.checkpoint) ?? [];
    steps.set(r.checkpoint, list);
    list.push(r);
  }
  return [...byArm.keys()].sort().map((arm) => {
    const perSeed: { seed: number; score: number; checkpoint: number; valLoss: number | undefined }[] = [];
    const droppedSeeds: { seed: number; reason: string }[] = [];
    const notes: ArmNote[] = [{ code: 'category-level' }];
    const fellBack: number[] = [];
    const categorySums = new Map<number, { category: string; promptCount: number; sum: number }[]>();
    let promptCount = 0;
    const seeds = byArm.get(arm)!;
    for (const seed of [...seeds.keys()].sort((a, b) => a - b)) {
      const steps = seeds.get(seed)!;
      const c = choose(steps, policy);
      if (typeof c === 'string') {
        droppedSeeds.push({ seed, reason: c });
        continue;
      }
      if (c.fellBack) fellBack.push(seed);
      const cats = steps
        .get(c.step)!
        .slice()
        .sort((a, b) => (a.category < b.category ? -1 : 1));
      const n = cats.reduce((s, o) => s + o.promptCount, 0);
      const sum = cats.reduce((s, o) => s + o.score * o.promptCount, 0);
      promptCount = Math.max(promptCount, n);
      categorySums.set(
        seed,
        cats.map((o) => ({ category: o.category, promptCount: o.promptCount, sum: o.score * o.promptCount })),
      );
      perSeed.push({
        seed,
        score: sum / n,
        checkpoint: c.step,
        valLoss: cats.find((o) => o.valLoss !== undefined)?.valLoss,
      });
    }
    if (fellBack.length > 0) notes.push({ code: 'best-val-fell-back', seeds: fellBack });
    const categoryNames = [...new Set(rows.filter((r) => r.arm === arm).map((r) => r.category))].sort();
    const seedsJson: ArmSeedScores = {
      arm,
      policy,
      perSeed,
      promptIds: [],
      categories: [],
      strata: new Int32Array(0),
      categoryNames,
      matrix: { seeds: 0, prompts: 0, values: new Float64Array(0) },
      repeatCells: [],
      droppedSeeds,
      droppedPrompts: [],
      notes,
    };
    return { seeds: seedsJson, categorySums, promptCount };
  });
}
