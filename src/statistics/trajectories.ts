/**
 * Per-seed checkpoint trajectories: every evaluated checkpoint's val loss and per-prompt scores.
 *
 * Why: checkpoint selection, score-vs-step bands and val-loss correlations all need the whole
 * series of each seed on ONE common prompt set (otherwise a checkpoint that skipped a hard prompt
 * would look better). Repeats are averaged per prompt.
 */
import type { Observation } from './observation.js';
import { buildCubes, cellScore, commonPrompts, strataOf, type ArmCube } from './score-cube.js';

/** One seed's series: C checkpoints × P prompts, row-major. */
export interface SeedTrajectory {
  readonly seed: number;
  readonly steps: readonly number[];
  readonly valLoss: ReadonlyArray<number | undefined>;
  /** scores[c·P + p]: score of checkpoint c on prompt p. */
  readonly scores: Float64Array;
  /** Mean over prompts per checkpoint. */
  readonly means: readonly number[];
}

/** All trajectories of one arm on the prompts common to every checkpoint of every seed. */
export interface ArmTrajectories {
  readonly arm: string;
  readonly promptIds: readonly string[];
  readonly strata: Int32Array;
  readonly seeds: readonly SeedTrajectory[];
}

/** Builds the trajectories of one arm cube. */
export function trajectoriesOf(cube: ArmCube): ArmTrajectories {
  const cells = cube.seeds.flatMap((s) => s.checkpoints);
  const common = commonPrompts(cells, cube);
  const promptIds = common.map((p) => cube.promptIds[p] as string);
  const P = common.length;
  const seeds = cube.seeds
    .filter((s) => s.checkpoints.length > 0)
    .map((s) => {
      const C = s.checkpoints.length;
      const scores = new Float64Array(C * P);
      const means: number[] = [];
      s.checkpoints.forEach((cp, c) => {
        let t = 0;
        common.forEach((q, p) => {
          const v = cellScore(cp, q);
          scores[c * P + p] = v;
          t += v;
        });
        means.push(P > 0 ? t / P : 0);
      });
      return {
        seed: s.seed,
        steps: s.checkpoints.map((c) => c.step),
        valLoss: s.checkpoints.map((c) => c.valLoss),
        scores,
        means,
      };
    });
  return {
    arm: cube.arm,
    promptIds,
    strata: strataOf(common.map((p) => cube.promptCategories[p] as string)).strata,
    seeds,
  };
}

/** Trajectories of every arm (sorted by arm name). */
export function armTrajectories(observations: readonly Observation[]): ArmTrajectories[] {
  return buildCubes(observations).map(trajectoriesOf);
}
