/**
 * Per-seed scores of each arm under a pre-registered checkpoint policy, and the seeds × prompts
 * matrix behind them.
 *
 * Why: the seed is the unit of replication (docs/references.md §1); a seed's score is the per-prompt mean
 * (not the mean of category means: the 82.4% confusion came from mixing the two) at ONE checkpoint
 * chosen by a policy fixed in advance (`final`, `best-val`, `step=N`), never by eval score.
 * Repeated evaluations of a checkpoint are averaged first. Only prompts scored for every retained
 * seed enter, so all seeds are measured on the same prompt set; anything dropped is reported.
 */
import type { ArmNote } from './arm-note.js';
import type { Observation } from './observation.js';
import {
  buildCubes,
  cellRepeats,
  cellScore,
  commonPrompts,
  strataOf,
  type CheckpointCell,
  type SeedCube,
} from './score-cube.js';
import type { ScoreMatrix } from './score-matrix.js';
import { insufficient, type Maybe } from './result.js';

/** Which checkpoint of each seed is scored. */
export type CheckpointPolicy =
  { readonly kind: 'final' } | { readonly kind: 'best-val' } | { readonly kind: 'step'; readonly step: number };

/** Parses the CLI form `final` | `best-val` | `step=N`. */
export function parseCheckpointPolicy(text: string): Maybe<CheckpointPolicy> {
  const t = text.trim();
  if (t === 'final') return { kind: 'final' };
  if (t === 'best-val' || t === 'best-val-loss') return { kind: 'best-val' };
  const m = /^step=(\d+)$/.exec(t);
  if (m) return { kind: 'step', step: Number(m[1]) };
  return insufficient(`unknown checkpoint policy "${text}" (use final, best-val or step=N)`);
}

/** Chooses the policy checkpoint of one seed; `fellBack` when best-val had no val loss to use. */
export function selectCheckpoint(
  seed: SeedCube,
  policy: CheckpointPolicy,
): Maybe<{ cell: CheckpointCell; fellBack: boolean }> {
  const cps = seed.checkpoints;
  if (cps.length === 0) return insufficient(`seed ${seed.seed} has no evaluated checkpoint`);
  const final = cps[cps.length - 1]!;
  if (policy.kind === 'final') return { cell: final, fellBack: false };
  if (policy.kind === 'step') {
    const c = cps.find((x) => x.step === policy.step);
    return c
      ? { cell: c, fellBack: false }
      : insufficient(`seed ${seed.seed} has no checkpoint at step ${policy.step}`);
  }
  let best: CheckpointCell | undefined;
  for (const c of cps)
    if (c.valLoss !== undefined && (best === undefined || c.valLoss < (best.valLoss as number))) best = c;
  return best ? { cell: best, fellBack: false } : { cell: final, fellBack: true };
}

/** One arm's per-seed scores under the policy. */
export interface ArmSeedScores {
  readonly arm: string;
  readonly policy: CheckpointPolicy;
  /** Seeds kept, ascending, with their score (mean over `promptIds`) and chosen checkpoint. */
  readonly perSeed: ReadonlyArray<{
    readonly seed: number;
    readonly score: number;
    readonly checkpoint: number;
    readonly valLoss: number | undefined;
  }>;
  readonly promptIds: readonly string[];
  /** Category per prompt, aligned with promptIds. */
  readonly categories: readonly string[];
  /** Category index per prompt (for stratified resampling), and the category names. */
  readonly strata: Int32Array;
  readonly categoryNames: readonly string[];
  /** y[s, p] at the chosen checkpoint (repeats averaged), seeds in `perSeed` order. */
  readonly matrix: ScoreMatrix;
  /**
   * Repeated scores per (seed, prompt) cell, row-major like `matrix` (for decoding noise). Empty when
   * no checkpoint was evaluated more than once (the common case; saves memory on large studies).
   */
  readonly repeatCells: readonly (readonly number[])[];
  /** Seeds left out and why; prompts left out because some seed lacked them. */
  readonly droppedSeeds: ReadonlyArray<{ readonly seed: number; readonly reason: string }>;
  readonly droppedPrompts: readonly string[];
  /** What the reader must know (e.g. best-val fell back to final), as codes worded by wording/arm-notes.ts. */
  readonly notes: readonly ArmNote[];
}

/** Per arm (sorted by name): per-seed scores, the matrix and what was dropped. */
export function seedScores(observations: readonly Observation[], policy: CheckpointPolicy): ArmSeedScores[] {
  return buildCubes(observations).map((cube) => {
    const chosen: Array<{ seed: number; cell: CheckpointCell }> = [];
    const droppedSeeds: Array<{ seed: number; reason: string }> = [];
    const notes: ArmNote[] = [];
    const fellBack: number[] = [];
    for (const s of cube.seeds) {
      const r = selectCheckpoint(s, policy);
      if ('status' in r) droppedSeeds.push({ seed: s.seed, reason: r.reason });
      else {
        chosen.push({ seed: s.seed, cell: r.cell });
        if (r.fellBack) fellBack.push(s.seed);
      }
    }
    if (fellBack.length > 0) notes.push({ code: 'best-val-fell-back', seeds: fellBack });
    const common = commonPrompts(
      chosen.map((c) => c.cell),
      cube,
    );
    const promptIds = common.map((p) => cube.promptIds[p] as string);
    const categories = common.map((p) => cube.promptCategories[p] as string);
    const isCommon = new Uint8Array(cube.promptIds.length);
    for (const p of common) isCommon[p] = 1;
    const droppedPrompts = cube.promptIds
      .filter((_, p) => !isCommon[p] && chosen.some((c) => (c.cell.count[p] as number) > 0))
      .slice()
      .sort();
    if (droppedPrompts.length > 0) notes.push({ code: 'prompts-dropped', prompts: droppedPrompts });
    const S = chosen.length;
    const P = promptIds.length;
    const values = new Float64Array(S * P);
    const anyRepeats = chosen.some((c) => c.cell.repeats.size > 0);
    const repeatCells: number[][] = [];
    const perSeed = chosen.map((c, s) => {
      let total = 0;
      common.forEach((q, p) => {
        const v = cellScore(c.cell, q);
        values[s * P + p] = v;
        if (anyRepeats) repeatCells.push(cellRepeats(c.cell, q));
        total += v;
      });
      return { seed: c.seed, score: P > 0 ? total / P : 0, checkpoint: c.cell.step, valLoss: c.cell.valLoss };
    });
    if (P === 0 && S > 0) notes.push({ code: 'no-common-prompt' });
    const { strata, names } = strataOf(categories);
    return {
      arm: cube.arm,
      policy,
      perSeed: P > 0 ? perSeed : [],
      promptIds,
      categories,
      strata,
      categoryNames: names,
      matrix: { seeds: P > 0 ? S : 0, prompts: P, values },
      repeatCells,
      droppedSeeds,
      droppedPrompts,
      notes,
    };
  });
}
