import type { Observation } from './observation.js';
import type { ArmSeedScores } from './seed-scores.js';
import type { PairedPoint } from './within-seed-correlation.js';

/**
 * One pass over all observations for the sections that need every checkpoint (val loss vs eval
 * correlation) or raw rows (failure classes). At 2 million rows the pass itself is the cost, so
 * both sections share it: per (arm, seed, checkpoint) the mean over the arm's common prompts
 * (repeats averaged per prompt when there are any) and the val loss; per (arm, seed, checkpoint)
 * the failure-class counts.
 */
export interface ScanResult {
  /** arm → (seed, val loss, checkpoint mean score) points, seeds and steps ascending. */
  points: Map<string, PairedPoint[]>;
  /** arm → seed → checkpoint → failure class → count. */
  failures: Map<string, Map<number, Map<number, Map<string, number>>>>;
}

type Cell = {
  sum: number;
  n: number;
  perPrompt: Map<string, [number, number]> | undefined;
  valLoss: number | undefined;
};
type ArmCtx = {
  prompts: Set<string>;
  repeats: boolean;
  cells: Map<number, Map<number, Cell>>;
  failures: Map<number, Map<number, Map<string, number>>>;
};

/** Scans the observations once for every prompt-level arm in `arms`. */
export function scanObservations(observations: readonly Observation[], arms: readonly ArmSeedScores[]): ScanResult {
  const repeatArms = new Set<string>();
  for (const o of observations) if ((o.repeat ?? 0) > 0) repeatArms.add(o.arm);
  const ctx = new Map<string, ArmCtx>();
  for (const a of arms) {
    ctx.set(a.arm, {
      prompts: new Set(a.promptIds),
      repeats: repeatArms.has(a.arm),
      cells: new Map(),
      failures: new Map(),
    });
  }
  for (const o of observations) {
    const c = ctx.get(o.arm);
    if (!c) continue;
    if (o.failureClass !== undefined) {
      let bySeed = c.failures.get(o.seed);
      if (!bySeed) c.failures.set(o.seed, (bySeed = new Map<number, Map<string, number>>()));
      let byClass = bySeed.get(o.checkpoint);
      if (!byClass) bySeed.set(o.checkpoint, (byClass = new Map<string, number>()));
      byClass.set(o.failureClass, (byClass.get(o.failureClass) ?? 0) + 1);
    }
    if (!c.prompts.has(o.promptId)) continue;
    let bySeed = c.cells.get(o.seed);
    if (!bySeed) c.cells.set(o.seed, (bySeed = new Map<number, Cell>()));
    let cell = bySeed.get(o.checkpoint);
    if (!cell)
      bySeed.set(
        o.checkpoint,
        (cell = { sum: 0, n: 0, perPrompt: c.repeats ? new Map() : undefined, valLoss: undefined }),
      );
    if (o.valLoss !== undefined && Number.isFinite(o.valLoss)) cell.valLoss = o.valLoss;
    if (cell.perPrompt) {
      const e = cell.perPrompt.get(o.promptId);
      if (e) {
        e[0] += o.score;
        e[1]++;
      } else cell.perPrompt.set(o.promptId, [o.score, 1]);
    } else {
      cell.sum += o.score;
      cell.n++;
    }
  }
  const points = new Map<string, PairedPoint[]>();
  const failures = new Map<string, Map<number, Map<number, Map<string, number>>>>();
  for (const [arm, c] of ctx) {
    const out: PairedPoint[] = [];
    for (const seed of [...c.cells.keys()].sort((a, b) => a - b)) {
      const bySeed = c.cells.get(seed)!;
      for (const step of [...bySeed.keys()].sort((a, b) => a - b)) {
        const cell = bySeed.get(step)!;
        if (cell.valLoss === undefined) continue;
        if (cell.perPrompt) {
          if (cell.perPrompt.size === 0) continue;
          let total = 0;
          for (const [sum, n] of cell.perPrompt.values()) total += sum / n;
          out.push({ seed, x: cell.valLoss, y: total / cell.perPrompt.size });
        } else if (cell.n > 0) out.push({ seed, x: cell.valLoss, y: cell.sum / cell.n });
      }
    }
    points.set(arm, out);
    failures.set(arm, c.failures);
  }
  return { points, failures };
}
