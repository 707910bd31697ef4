import type { RunSpec } from '../plan/run-spec.js';
import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import { readRunRecord } from '../results/run-record.js';
import { compareLook, type LookSeeds } from '../statistics/sequential/compare-look.js';
import { parseCheckpointPolicy, seedScores } from '../statistics/seed-scores.js';
import type { CompareDesignSettings } from '../study/sequential-schema.js';
import type { Study } from '../study/study.js';
import { gatherObservations } from './collect-observations.js';
import { decisionScored } from './decision-scored.js';
import { runEvaluations } from './run-eval-dirs.js';
import { compareDesignOf } from './sequential-plan.js';

/**
 * One look of a compare design taken from disk: which runs the look covers (the first n_k seeds of the
 * study's seed list, in both arms), which of them finished (decision checkpoint scored), their per-seed
 * scores at the pre-registered checkpoint (the analysis' own seed-score selection), and the statistic,
 * boundary and decision of statistics/sequential/compare-look.ts, as the record line sequential.json
 * stores.
 */

/** The runs of look `k` (1-based): the first `looks[k-1]` seeds of the study's list, in the given arms. */
export function lookRuns(
  study: Study,
  runs: readonly RunSpec[],
  arms: readonly string[],
  seedsPerArm: number,
): RunSpec[] {
  const seeds = new Set(study.seeds.slice(0, seedsPerArm));
  return runs.filter((r) => arms.includes(r.arm) && seeds.has(r.seed));
}

/** Training wall time (run.json) plus evaluation seconds (eval manifests) of the runs, in hours. */
export async function hoursOf(runs: readonly RunSpec[]): Promise<number> {
  let seconds = 0;
  for (const spec of runs) {
    const record = await readRunRecord(spec.runDir).catch(() => undefined);
    if (record?.runId === spec.runId) seconds += record.durationS ?? 0;
    for (const e of await runEvaluations(spec.runDir, spec.runId))
      if (!e.shared) seconds += e.manifest.generation_seconds + (e.manifest.loss_seconds ?? 0);
  }
  return seconds / 3600;
}

/** Seed lists per arm, ascending in the study's seed order. */
function byArm(study: Study, arms: readonly string[], runs: readonly RunSpec[]): Record<string, number[]> {
  const order = new Map(study.seeds.map((s, i) => [s, i]));
  return Object.fromEntries(
    arms.map((arm) => [
      arm,
      runs
        .filter((r) => r.arm === arm)
        .map((r) => r.seed)
        .sort((a, b) => order.get(a)! - order.get(b)!),
    ]),
  );
}

/** Seeds per arm of the earlier looks that were judged (an insufficient look spent no α). */
function earlierLooks(record: SequentialRecord): LookSeeds[] {
  return record.looks
    .filter((l) => l.statistic?.question === 'compare')
    .map((l) => {
      const s = l.statistic as Extract<NonNullable<SequentialLook['statistic']>, { question: 'compare' }>;
      return { seedsA: s.scoresA.length, seedsB: s.scoresB.length };
    });
}

/** Take look `k` (1-based) of a compare design over the runs of that look; the record line. */
export async function takeCompareLook(
  study: Study,
  design: CompareDesignSettings,
  record: SequentialRecord,
  runs: readonly RunSpec[],
  k: number,
  now: () => Date = () => new Date(),
): Promise<SequentialLook> {
  const scored: RunSpec[] = [];
  for (const spec of runs) if (await decisionScored(study, spec)) scored.push(spec);
  const failed = runs.filter((r) => !scored.includes(r));
  const policy = parseCheckpointPolicy(study.analysis.checkpoint);
  if ('status' in policy) throw new Error(policy.reason);
  const { rows } = await gatherObservations(scored);
  const perArm = new Map(seedScores(rows, policy).map((a) => [a.arm, a]));
  const order = new Map(study.seeds.map((s, i) => [s, i]));
  const scoresOf = (arm: string) =>
    [...(perArm.get(arm)?.perSeed ?? [])].sort((a, b) => order.get(a.seed)! - order.get(b.seed)!);
  const [armA, armB] = design.arms;
  const a = scoresOf(armA);
  const b = scoresOf(armB);
  const used = { [armA]: a.map((s) => s.seed), [armB]: b.map((s) => s.seed) };
  const base = {
    look: k,
    plannedSeeds: design.looks[k - 1]!,
    seeds: used,
    failedSeeds: byArm(study, design.arms, failed),
    hoursSoFar: await hoursOf(runs),
    at: now().toISOString(),
  };
  const earlier = earlierLooks(record);
  const last = earlier[earlier.length - 1];
  if (last && a.length <= last.seedsA && b.length <= last.seedsB)
    return { ...base, decision: 'insufficient', insufficientReason: 'no seed finished since the previous look' };
  const result = compareLook({
    design: compareDesignOf(design),
    plannedMaxSeeds: design.looks[design.looks.length - 1]!,
    earlier,
    scoresA: a.map((s) => s.score),
    scoresB: b.map((s) => s.score),
    noMoreLooks: k >= design.looks.length,
  });
  if (result.status !== 'ok') return { ...base, decision: 'insufficient', insufficientReason: result.reason };
  const { statistic: st, boundary: bd } = result;
  return {
    ...base,
    decision: result.decision,
    statistic: {
      question: 'compare',
      arms: design.arms,
      scoresA: a.map((s) => s.score),
      scoresB: b.map((s) => s.score),
      diff: st.diff,
      se: st.se,
      t: st.t,
      df: st.df,
      z: st.z,
      naiveP: st.p,
      informationFraction: bd.informationFraction,
      efficacyZ: bd.efficacyZ,
      efficacyP: bd.efficacyP,
      futilityZ: bd.futilityZ,
      futilitySides: bd.futilitySides,
      futilityP: bd.futilityP,
      alphaSpent: bd.alphaSpent,
      final: bd.final,
      recomputed: bd.recomputed,
      ...(result.inference && {
        inference: {
          adjustedP: result.inference.adjustedP,
          estimate: result.inference.estimate,
          interval: { low: result.inference.interval.low, high: result.inference.interval.high },
          repeatedInterval: {
            low: result.inference.repeatedInterval.low,
            high: result.inference.repeatedInterval.high,
          },
          naive: result.inference.naive,
        },
      }),
    },
  };
}
