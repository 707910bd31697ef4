/**
 * Groups long-format observations into arm → seed → checkpoint cells of per-prompt scores.
 *
 * Why: every per-seed analysis (seed scores, checkpoint selection, per-prompt rates, correlations)
 * starts from the same nesting; building it once keeps the modules small and the rules (how
 * repeats are averaged, which prompts are common) in one place. Prompts are interned to indices
 * per arm and each checkpoint keeps dense Float64Array sums and counts, so 2,000,000 observations
 * cost a few typed arrays instead of millions of small objects (the `npm run bench` target).
 */
import type { Observation } from './observation.js';

/** One evaluated checkpoint of one seed; arrays are indexed by the arm's prompt index. */
export interface CheckpointCell {
  readonly step: number;
  /** The checkpoint's val loss, when recorded. */
  valLoss: number | undefined;
  /** Sum of the scores of each prompt over repeated evaluations. */
  readonly sum: Float64Array;
  /** Number of evaluations of each prompt (0 = not scored at this checkpoint). */
  readonly count: Int32Array;
  /** Raw scores of prompts evaluated more than once (decoding noise); absent otherwise. */
  readonly repeats: Map<number, number[]>;
}

/** All checkpoints of one (arm, seed), ascending by step. */
export interface SeedCube {
  readonly seed: number;
  readonly checkpoints: CheckpointCell[];
}

/** One arm: its seeds (ascending), its prompts (interned) and their categories. */
export interface ArmCube {
  readonly arm: string;
  readonly seeds: SeedCube[];
  /** Prompt ids by index, in first-seen order. */
  readonly promptIds: readonly string[];
  /** Category by prompt index. */
  readonly promptCategories: readonly string[];
}

interface Building {
  index: Map<string, number>;
  ids: string[];
  cats: string[];
  seeds: Map<number, Map<number, CheckpointCell>>;
}

/**
 * Last result per observations array (checked by length too): seed scores and trajectories both
 * need the cube of the same observations, and building it is the costliest step of `analyze`.
 * The cube is read-only for every consumer, so sharing it keeps the function pure in effect.
 */
const cache = new WeakMap<readonly Observation[], { length: number; cubes: ArmCube[] }>();

/** Builds the cube for every arm (arms sorted by name, seeds and steps ascending). Two passes. */
export function buildCubes(observations: readonly Observation[]): ArmCube[] {
  const hit = cache.get(observations);
  if (hit && hit.length === observations.length) return hit.cubes;
  const cubes = build(observations);
  cache.set(observations, { length: observations.length, cubes });
  return cubes;
}

function build(observations: readonly Observation[]): ArmCube[] {
  const arms = new Map<string, Building>();
  let a: Building | undefined;
  let lastArm: string | undefined;
  for (const o of observations) {
    if (o.arm !== lastArm) {
      a = arms.get(o.arm);
      if (!a) arms.set(o.arm, (a = { index: new Map(), ids: [], cats: [], seeds: new Map() }));
      lastArm = o.arm;
    }
    const cur = a!; // set above: every arm switch assigns it
    if (!cur.index.has(o.promptId)) {
      cur.index.set(o.promptId, cur.ids.length);
      cur.ids.push(o.promptId);
      cur.cats.push(o.category);
    }
  }
  // Rows usually arrive grouped by (arm, seed, checkpoint): reuse the last cell when the key repeats.
  let cell: CheckpointCell | undefined;
  let b = arms.values().next().value as Building;
  let kArm: string | undefined;
  let kSeed = 0;
  let kStep = 0;
  for (const o of observations) {
    if (!cell || kArm !== o.arm || kSeed !== o.seed || kStep !== o.checkpoint) {
      if (kArm !== o.arm) b = arms.get(o.arm) as Building;
      let seed = b.seeds.get(o.seed);
      if (!seed) b.seeds.set(o.seed, (seed = new Map<number, CheckpointCell>()));
      cell = seed.get(o.checkpoint);
      if (!cell) {
        const P = b.ids.length;
        cell = {
          step: o.checkpoint,
          valLoss: undefined,
          sum: new Float64Array(P),
          count: new Int32Array(P),
          repeats: new Map(),
        };
        seed.set(o.checkpoint, cell);
      }
      kArm = o.arm;
      kSeed = o.seed;
      kStep = o.checkpoint;
    }
    if (o.valLoss !== undefined && Number.isFinite(o.valLoss)) cell.valLoss = o.valLoss;
    const p = b.index.get(o.promptId) as number;
    const n = cell.count[p] as number;
    if (n === 1) cell.repeats.set(p, [cell.sum[p] as number, o.score]);
    else if (n > 1) cell.repeats.get(p)!.push(o.score);
    cell.sum[p]! += o.score;
    cell.count[p] = n + 1;
  }
  return [...arms.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([arm, v]) => ({
      arm,
      promptIds: v.ids,
      promptCategories: v.cats,
      seeds: [...v.seeds.entries()]
        .sort(([a], [b]) => a - b)
        .map(([seed, cps]) => ({ seed, checkpoints: [...cps.values()].sort((a, b) => a.step - b.step) })),
    }));
}

/** Score of prompt `p` at a checkpoint: the mean of its repeated evaluations. */
export function cellScore(cell: CheckpointCell, p: number): number {
  return (cell.sum[p] as number) / (cell.count[p] as number);
}

/** Raw scores of prompt `p` at a checkpoint (one value unless it was evaluated repeatedly). */
export function cellRepeats(cell: CheckpointCell, p: number): number[] {
  return cell.repeats.get(p)?.slice() ?? [cell.sum[p] as number];
}

/** Indices of prompts scored in every given checkpoint, ordered by category then id (stable reports). */
export function commonPrompts(cells: readonly CheckpointCell[], cube: ArmCube): number[] {
  if (cells.length === 0) return [];
  const P = cube.promptIds.length;
  const out: number[] = [];
  for (let p = 0; p < P; p++) if (cells.every((c) => (c.count[p] as number) > 0)) out.push(p);
  const ids = cube.promptIds;
  const cats = cube.promptCategories;
  return out.sort((a, b) => {
    const ca = cats[a] as string;
    const cb = cats[b] as string;
    const ia = ids[a] as string;
    const ib = ids[b] as string;
    return ca < cb ? -1 : ca > cb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** Category index per prompt (0..C−1, categories in first-seen order of `categories`). */
export function strataOf(categories: readonly string[]): { strata: Int32Array; names: string[] } {
  const names: string[] = [];
  const index = new Map<string, number>();
  const strata = new Int32Array(categories.length);
  categories.forEach((c, i) => {
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
