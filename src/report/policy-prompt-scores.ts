import type { Observation } from '../statistics/observation.js';
import { compareText, runKey } from './aggregate-observations.js';
import type { CategoryCell, PromptStabilityRow } from './report-model.js';

/**
 * Per-prompt scores at each seed's policy checkpoint, and what the report derives from them: category
 * means per seed and each prompt's pass rate across seeds (the drill-down's order). Split out of
 * aggregate-observations.ts, which indexes every checkpoint.
 */

const SEP = '\u0000';

/** Per (arm, seed, prompt) mean score at the policy checkpoint (repeats averaged). */
export function policyPromptScores(
  observations: readonly Observation[],
  policy: ReadonlyMap<string, number>,
): Map<
  string,
  { arm: string; seed: number; promptId: string; category: string; sum: number; n: number; failureClass: string | null }
> {
  const out = new Map<
    string,
    {
      arm: string;
      seed: number;
      promptId: string;
      category: string;
      sum: number;
      n: number;
      failureClass: string | null;
    }
  >();
  let lastArm: string | null = null;
  let lastSeed = NaN;
  let step: number | undefined;
  for (const o of observations) {
    if (o.arm !== lastArm || o.seed !== lastSeed) {
      step = policy.get(runKey(o.arm, o.seed));
      lastArm = o.arm;
      lastSeed = o.seed;
    }
    if (step !== o.checkpoint) continue;
    const key = `${o.arm}${SEP}${o.seed}${SEP}${o.promptId}`;
    const cell = out.get(key);
    if (cell) {
      cell.sum += o.score;
      cell.n += 1;
    } else {
      out.set(key, {
        arm: o.arm,
        seed: o.seed,
        promptId: o.promptId,
        category: o.category,
        sum: o.score,
        n: 1,
        failureClass: o.failureClass ?? null,
      });
    }
  }
  return out;
}

type PromptScores = ReturnType<typeof policyPromptScores>;

/** Mean score per (arm, seed, category) at the policy checkpoint. */
export function categoryCells(scores: PromptScores, arms: readonly string[]): CategoryCell[] {
  const cells = new Map<string, CategoryCell & { sum: number }>();
  for (const s of scores.values()) {
    const key = `${s.arm}${SEP}${s.seed}${SEP}${s.category}`;
    const c =
      cells.get(key) ??
      cells.set(key, { arm: s.arm, seed: s.seed, category: s.category, score: 0, nPrompts: 0, sum: 0 }).get(key)!;
    c.sum += s.sum / s.n;
    c.nPrompts += 1;
  }
  const rank = new Map(arms.map((a, i) => [a, i]));
  return [...cells.values()]
    .map(({ sum, ...c }) => ({ ...c, score: sum / c.nPrompts }))
    .sort((a, b) => rank.get(a.arm)! - rank.get(b.arm)! || a.seed - b.seed || compareText(a.category, b.category));
}

/** Pass rate across seeds per (arm, prompt), least stable (closest to 50%) first. */
export function promptStability(
  scores: PromptScores,
  arms: readonly string[],
  passThreshold: number,
): PromptStabilityRow[] {
  const rows = new Map<string, PromptStabilityRow & { passes: number; sum: number }>();
  for (const s of scores.values()) {
    const key = `${s.arm}${SEP}${s.promptId}`;
    const r =
      rows.get(key) ??
      rows
        .set(key, {
          arm: s.arm,
          promptId: s.promptId,
          category: s.category,
          passRate: 0,
          meanScore: 0,
          nSeeds: 0,
          kind: 'never',
          passes: 0,
          sum: 0,
        })
        .get(key)!;
    const score = s.sum / s.n;
    r.nSeeds += 1;
    r.sum += score;
    if (score >= passThreshold) r.passes += 1;
  }
  const rank = new Map(arms.map((a, i) => [a, i]));
  return [...rows.values()]
    .map(({ passes, sum, ...r }): PromptStabilityRow => ({
      ...r,
      passRate: passes / r.nSeeds,
      meanScore: sum / r.nSeeds,
      kind: passes === r.nSeeds ? 'always' : passes === 0 ? 'never' : 'seed-dependent',
    }))
    .sort(
      (a, b) =>
        rank.get(a.arm)! - rank.get(b.arm)! ||
        Math.abs(a.passRate - 0.5) - Math.abs(b.passRate - 0.5) ||
        compareText(a.promptId, b.promptId),
    );
}
