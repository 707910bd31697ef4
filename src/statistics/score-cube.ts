/**
 * Groups long-format observations into arm → seed → checkpoint → prompt → repeated scores.
 *
 * Why: every per-seed analysis (seed scores, checkpoint selection, per-prompt rates, correlations)
 * starts from the same nesting; building it once keeps the modules small and the rules (how
 * repeats are averaged, which prompts are common) in one place.
 */
import type { Observation } from './observation.js';

/** One evaluated checkpoint of one seed. */
export interface CheckpointCell {
  readonly step: number;
  /** The checkpoint's val loss, when recorded. */
  valLoss: number | undefined;
  /** promptId → scores of each repeated evaluation (usually one). */
  readonly prompts: Map<string, number[]>;
}

/** All checkpoints of one (arm, seed), ascending by step. */
export interface SeedCube {
  readonly seed: number;
  readonly checkpoints: CheckpointCell[];
}

/** One arm: its seeds (ascending) and the category of every prompt seen. */
export interface ArmCube {
  readonly arm: string;
  readonly seeds: SeedCube[];
  readonly categories: Map<string, string>;
}

/** Builds the cube for every arm (arms sorted by name, seeds and steps ascending). */
export function buildCubes(observations: readonly Observation[]): ArmCube[] {
  const arms = new Map<string, { categories: Map<string, string>; seeds: Map<number, Map<number, CheckpointCell>> }>();
  for (const o of observations) {
    let arm = arms.get(o.arm);
    if (!arm) arms.set(o.arm, (arm = { categories: new Map(), seeds: new Map() }));
    if (!arm.categories.has(o.promptId)) arm.categories.set(o.promptId, o.category);
    let seed = arm.seeds.get(o.seed);
    if (!seed) arm.seeds.set(o.seed, (seed = new Map()));
    let cell = seed.get(o.checkpoint);
    if (!cell) seed.set(o.checkpoint, (cell = { step: o.checkpoint, valLoss: undefined, prompts: new Map() }));
    if (o.valLoss !== undefined && Number.isFinite(o.valLoss)) cell.valLoss = o.valLoss;
    const list = cell.prompts.get(o.promptId);
    if (list) list.push(o.score);
    else cell.prompts.set(o.promptId, [o.score]);
  }
  return [...arms.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([arm, v]) => ({
      arm,
      categories: v.categories,
      seeds: [...v.seeds.entries()]
        .sort(([a], [b]) => a - b)
        .map(([seed, cps]) => ({ seed, checkpoints: [...cps.values()].sort((a, b) => a.step - b.step) })),
    }));
}

/** Mean of a cell's repeated evaluations (the score of that checkpoint on that prompt). */
export function cellMean(scores: readonly number[]): number {
  let t = 0;
  for (const s of scores) t += s;
  return t / scores.length;
}

/** Prompt ids present in every given checkpoint, ordered by category then id (stable reports). */
export function commonPrompts(cells: readonly CheckpointCell[], categories: ReadonlyMap<string, string>): string[] {
  if (cells.length === 0) return [];
  const first = cells[0]!;
  const ids = [...first.prompts.keys()].filter((id) => cells.every((c) => c.prompts.has(id)));
  return ids.sort((a, b) => {
    const ca = categories.get(a) ?? '';
    const cb = categories.get(b) ?? '';
    return ca < cb ? -1 : ca > cb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Category index per prompt (0..C−1, categories in first-seen order of `promptIds`). */
export function strataOf(promptIds: readonly string[], categories: ReadonlyMap<string, string>): { strata: Int32Array; names: string[] } {
  const names: string[] = [];
  const index = new Map<string, number>();
  const strata = new Int32Array(promptIds.length);
  promptIds.forEach((id, i) => {
    const c = categories.get(id) ?? '';
    let k = index.get(c);
    if (k === undefined) {
      k = names.length;
      index.set(c, k);
      names.push(c);
    }
    strata[i] = k;
  });
  return { strata, names };
}
