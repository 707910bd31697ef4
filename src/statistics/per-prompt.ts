/**
 * Per-prompt view of an arm: pass rate across seeds (Wilson interval), which prompts the seed
 * decides (flip rate), and failure-class counts per arm, seed and checkpoint.
 *
 * Why: a config can look "half right" because every seed gets the same half right (prompt
 * difficulty), or because each seed gets a different half (training luck). The flip rate separates
 * the two: a prompt is decided by the seed when 0 < p̂ < 1 across seeds (docs/references.md §17).
 */
import { wilsonInterval } from './binomial-intervals.js';
import type { Observation } from './observation.js';
import type { Interval, Maybe } from './result.js';
import type { ArmSeedScores } from './seed-scores.js';

/** One prompt across the arm's seeds (at the policy checkpoint). */
export interface PromptRate {
  readonly promptId: string;
  readonly category: string;
  readonly nSeeds: number;
  /** Mean score over seeds (partial credit counts). */
  readonly meanScore: number;
  /** Seeds scoring ≥ the pass threshold. */
  readonly passes: number;
  readonly passRate: number;
  readonly passCi: Maybe<Interval>;
  /** always / never passed, or decided by the seed (0 < p̂ < 1). */
  readonly status: 'always' | 'never' | 'seed-dependent';
  /** Scores differ between seeds at all (also catches 0 vs 0.5). */
  readonly varies: boolean;
}

/** The per-prompt table and its flip rates. */
export interface PerPromptSummary {
  readonly passThreshold: number;
  readonly prompts: readonly PromptRate[];
  /** Share of prompts whose pass/fail depends on the seed. */
  readonly flipRate: number;
  /** Share of prompts whose score (any level) depends on the seed. */
  readonly varyRate: number;
}

/** Pass rates across seeds; `passThreshold` defaults to 1 (full credit). */
export function perPromptRates(a: ArmSeedScores, passThreshold = 1, level?: number): PerPromptSummary {
  const S = a.matrix.seeds;
  const P = a.matrix.prompts;
  const prompts: PromptRate[] = a.promptIds.map((promptId, p) => {
    let sum = 0;
    let passes = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = 0; s < S; s++) {
      const v = a.matrix.values[s * P + p] as number;
      sum += v;
      if (v >= passThreshold) passes++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return {
      promptId,
      category: a.categories[p] ?? '',
      nSeeds: S,
      meanScore: S ? sum / S : 0,
      passes,
      passRate: S ? passes / S : 0,
      passCi: wilsonInterval(passes, S, level),
      status: passes === S ? 'always' : passes === 0 ? 'never' : 'seed-dependent',
      varies: S > 1 && hi > lo,
    };
  });
  const n = prompts.length || 1;
  return {
    passThreshold,
    prompts,
    flipRate: prompts.filter((x) => x.status === 'seed-dependent').length / n,
    varyRate: prompts.filter((x) => x.varies).length / n,
  };
}

/** Failure-class counts for one group (arm; arm+seed; or arm+seed+checkpoint). */
export interface FailureCounts {
  readonly arm: string;
  readonly seed?: number;
  readonly checkpoint?: number;
  /** Scored rows in the group (with or without a failure class). */
  readonly scored: number;
  /** failure class → rows. */
  readonly counts: Readonly<Record<string, number>>;
}

/** Counts `failureClass` per arm, per (arm, seed) and per (arm, seed, checkpoint); sorted keys. */
export function failureClassCounts(observations: readonly Observation[]): {
  byArm: FailureCounts[];
  bySeed: FailureCounts[];
  byCheckpoint: FailureCounts[];
} {
  const maps = [
    new Map<string, FailureCounts>(),
    new Map<string, FailureCounts>(),
    new Map<string, FailureCounts>(),
  ] as const;
  for (const o of observations) {
    const keys: Array<[string, FailureCounts]> = [
      [JSON.stringify([o.arm]), { arm: o.arm, scored: 0, counts: {} }],
      [JSON.stringify([o.arm, o.seed]), { arm: o.arm, seed: o.seed, scored: 0, counts: {} }],
      [
        JSON.stringify([o.arm, o.seed, o.checkpoint]),
        { arm: o.arm, seed: o.seed, checkpoint: o.checkpoint, scored: 0, counts: {} },
      ],
    ];
    keys.forEach(([k, fresh], i) => {
      const m = maps[i]!;
      let g = m.get(k);
      if (!g) m.set(k, (g = fresh));
      (g as { scored: number }).scored += 1;
      if (o.failureClass) {
        const c = g.counts as Record<string, number>;
        c[o.failureClass] = (c[o.failureClass] ?? 0) + 1;
      }
    });
  }
  const sorted = (m: Map<string, FailureCounts>): FailureCounts[] =>
    [...m.values()].sort((x, y) =>
      x.arm < y.arm
        ? -1
        : x.arm > y.arm
          ? 1
          : (x.seed ?? 0) - (y.seed ?? 0) || (x.checkpoint ?? 0) - (y.checkpoint ?? 0),
    );
  return { byArm: sorted(maps[0]), bySeed: sorted(maps[1]), byCheckpoint: sorted(maps[2]) };
}
