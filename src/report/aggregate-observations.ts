import type { Observation } from '../statistics/observation.js';
import type { CheckpointScoreRow, FailureCountRow } from './report-model.js';

/**
 * Descriptive aggregates the charts need straight from the long-format observations (score per
 * seed and checkpoint, category × seed, per-prompt pass rates, failure classes). They are plain
 * means and counts, so the report computes them itself in one or two passes instead of waiting
 * on the statistics layer, and they scale to millions of rows.
 */
export interface ObservationIndex {
  arms: string[];
  seeds: number[];
  steps: number[];
  categories: string[];
  prompts: string[];
  /** Per `arm\0seed`, the steps evaluated (ascending) with mean score and val loss. */
  checkpoints: Map<string, CheckpointCell[]>;
  failureCounts: FailureCountRow[];
}

const SEP = '\u0000';

/** Running totals of one evaluated checkpoint; `prompts` counts first-repeat rows (= distinct prompts). */
export interface CheckpointCell {
  step: number;
  sum: number;
  n: number;
  valLoss: number | null;
  prompts: number;
  /** Answers per failure class. */
  failures: Map<string, number>;
}

/** Key of an (arm, seed) pair in the index maps. */
export function runKey(arm: string, seed: number): string {
  return `${arm}${SEP}${seed}`;
}

/** One pass over the observations: checkpoint means, val losses and failure counts. */
export function indexObservations(observations: readonly Observation[], armOrder: readonly string[]): ObservationIndex {
  const byRun = new Map<string, Map<number, CheckpointCell>>();
  const failures = new Map<string, FailureCountRow>();
  const armSet = new Set<string>();
  const seedSet = new Set<number>();
  const stepSet = new Set<number>();
  const categorySet = new Set<string>();
  const promptSet = new Set<string>();
  // Observations usually arrive grouped by run and checkpoint: reuse the last cell instead of
  // building a key string per row (2 million rows in the bench).
  let lastArm: string | null = null;
  let lastSeed = NaN;
  let lastStep = NaN;
  let steps: Map<number, CheckpointCell> | undefined;
  let cell: CheckpointCell | undefined;
  for (const o of observations) {
    if (o.arm !== lastArm || o.seed !== lastSeed) {
      armSet.add(o.arm);
      seedSet.add(o.seed);
      const key = runKey(o.arm, o.seed);
      steps = byRun.get(key);
      if (!steps) byRun.set(key, (steps = new Map<number, CheckpointCell>()));
      lastArm = o.arm;
      lastSeed = o.seed;
      lastStep = NaN;
    }
    if (o.checkpoint !== lastStep) {
      stepSet.add(o.checkpoint);
      cell = steps!.get(o.checkpoint);
      if (!cell)
        steps!.set(
          o.checkpoint,
          (cell = { step: o.checkpoint, sum: 0, n: 0, valLoss: null, prompts: 0, failures: new Map() }),
        );
      lastStep = o.checkpoint;
    }
    categorySet.add(o.category);
    promptSet.add(o.promptId);
    cell!.sum += o.score;
    cell!.n += 1;
    if ((o.repeat ?? 0) === 0) cell!.prompts += 1;
    if (o.valLoss !== undefined && Number.isFinite(o.valLoss)) cell!.valLoss = o.valLoss;
    if (o.failureClass) cell!.failures.set(o.failureClass, (cell!.failures.get(o.failureClass) ?? 0) + 1);
  }
  for (const [key, steps] of byRun) {
    const arm = key.slice(0, key.indexOf(SEP));
    for (const c of steps.values()) {
      for (const [failureClass, count] of c.failures) {
        const fkey = `${arm}${SEP}${c.step}${SEP}${failureClass}`;
        const row = failures.get(fkey);
        if (row) row.count += count;
        else failures.set(fkey, { arm, step: c.step, failureClass, count });
      }
    }
  }
  const arms = orderArms(armSet, armOrder);
  const armRank = new Map(arms.map((a, i) => [a, i]));
  const checkpoints = new Map<string, CheckpointCell[]>();
  for (const [key, steps] of byRun)
    checkpoints.set(
      key,
      [...steps.values()].sort((a, b) => a.step - b.step),
    );
  const failureCounts = [...failures.values()].sort(
    (a, b) =>
      armRank.get(a.arm)! - armRank.get(b.arm)! || a.step - b.step || compareText(a.failureClass, b.failureClass),
  );
  return {
    arms,
    seeds: [...seedSet].sort((a, b) => a - b),
    steps: [...stepSet].sort((a, b) => a - b),
    categories: [...categorySet].sort(compareText),
    prompts: [...promptSet].sort(compareText),
    checkpoints,
    failureCounts,
  };
}

/** Arms in study order first, then any others found in the data, alphabetically. */
export function orderArms(found: Iterable<string>, armOrder: readonly string[]): string[] {
  const set = new Set(found);
  const ordered = armOrder.filter((a) => set.has(a));
  const rest = [...set].filter((a) => !armOrder.includes(a)).sort(compareText);
  return [...ordered, ...rest];
}

/** Locale-independent string order, so output never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checkpoint rows for every (arm, seed, step), marking the policy checkpoint. */
export function checkpointRows(
  index: ObservationIndex,
  policy: ReadonlyMap<string, number>,
  sha: ReadonlyMap<string, string | null>,
): CheckpointScoreRow[] {
  const rows: CheckpointScoreRow[] = [];
  for (const arm of index.arms) {
    for (const seed of index.seeds) {
      const key = runKey(arm, seed);
      for (const c of index.checkpoints.get(key) ?? []) {
        rows.push({
          arm,
          seed,
          step: c.step,
          score: c.sum / c.n,
          valLoss: c.valLoss,
          nPrompts: c.prompts,
          sha256: sha.get(`${key}${SEP}${c.step}`) ?? null,
          policy: policy.get(key) === c.step,
        });
      }
    }
  }
  return rows;
}

/** Key of a checkpoint for the sha256 lookup map. */
export function checkpointKey(arm: string, seed: number, step: number): string {
  return `${runKey(arm, seed)}${SEP}${step}`;
}
