import { loadStudySuite } from '../evaluation/load-suite.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { SequentialLook } from '../results/sequential-record.js';
import { reproduceLook } from '../statistics/sequential/reproduce-look.js';
import { parseCheckpointPolicy, seedScores } from '../statistics/seed-scores.js';
import type { ReproduceDesignSettings } from '../study/sequential-schema.js';
import type { Study } from '../study/study.js';
import { suiteBaselineComparability } from './baseline-comparability.js';
import { studyBaselineClaims } from './study-claims.js';
import { gatherObservations } from './collect-observations.js';
import { decisionScored } from './decision-scored.js';
import { hoursOf } from './sequential-look.js';
import { reproduceDesignOf } from './sequential-plan.js';

/**
 * One look of a reproduce design taken from disk. The exact bounds hold for the planned run counts,
 * so a failed run is replaced by the next seed of the study's list (runs are exchangeable): the look
 * uses the first n_k runs that finished, in list order, and names the seeds that failed. A run
 * reaches the claim when its score at the pre-registered checkpoint is at least the score the
 * printed claim stands for (the comparability gate's effective claim, as the reproduction verdict uses).
 */

/** The arm a reproduce design checks: the baseline's, else the study's only arm. */
export function reproduceArm(study: Study, design: ReproduceDesignSettings, arms: readonly string[]): string {
  return study.baselines.find((b) => b.name === design.baseline)?.arm ?? arms[0]!;
}

/** The claimed score a run must reach (effective claim of the comparability gate, else the figure). */
async function claimOf(study: Study, design: ReproduceDesignSettings): Promise<number> {
  const suite = await loadStudySuite(study);
  const check = suiteBaselineComparability(study, suite).find((c) => c.name === design.baseline);
  const claimed = studyBaselineClaims(study).find((c) => c.name === design.baseline)!.claimed;
  return check?.comparability.effective ?? claimed;
}

/** The runs of the arm that finished (decision checkpoint scored), in the study's seed order. */
export async function finishedRuns(study: Study, runs: readonly RunSpec[]): Promise<RunSpec[]> {
  const done: RunSpec[] = [];
  for (const spec of runs) if (await decisionScored(study, spec)) done.push(spec);
  return done;
}

/** Take look `k` (1-based) over `attempted` (the first seeds of the arm tried so far); the record line. */
export async function takeReproduceLook(
  study: Study,
  design: ReproduceDesignSettings,
  arm: string,
  attempted: readonly RunSpec[],
  k: number,
  now: () => Date = () => new Date(),
): Promise<SequentialLook> {
  const planned = design.looks[k - 1]!;
  const finished = await finishedRuns(study, attempted);
  const used = finished.slice(0, planned);
  const lastUsed = used.length > 0 ? attempted.indexOf(used[used.length - 1]!) : -1;
  const failed = attempted.slice(0, used.length === planned ? lastUsed + 1 : attempted.length);
  const policy = parseCheckpointPolicy(study.analysis.checkpoint);
  if ('status' in policy) throw new Error(policy.reason);
  const { rows } = await gatherObservations(used);
  const perSeed = seedScores(rows, policy).find((a) => a.arm === arm)?.perSeed ?? [];
  const order = new Map(study.seeds.map((s, i) => [s, i]));
  const scored = [...perSeed].sort((a, b) => order.get(a.seed)! - order.get(b.seed)!);
  const base = {
    look: k,
    plannedSeeds: planned,
    seeds: { [arm]: scored.map((s) => s.seed) },
    failedSeeds: { [arm]: failed.filter((r) => !finished.includes(r)).map((r) => r.seed) },
    hoursSoFar: await hoursOf(attempted),
    at: now().toISOString(),
  };
  if (scored.length < planned)
    return {
      ...base,
      decision: 'insufficient',
      insufficientReason: `only ${scored.length} of the ${planned} runs this look needs finished, and the seed list has no more seeds`,
    };
  const claim = await claimOf(study, design);
  const scores = scored.map((s) => s.score);
  const hits = scores.filter((s) => s >= claim - 1e-12).length;
  const result = reproduceLook(reproduceDesignOf(design), k, hits);
  return {
    ...base,
    decision: result.decision,
    statistic: {
      question: 'reproduce',
      arm,
      baseline: design.baseline,
      claim,
      scores,
      runs: result.runs,
      hits,
      notReproducibleAtMost: result.notReproducibleAtMost,
      reproducibleAtLeast: result.reproducibleAtLeast,
      naiveShare: result.naiveShare,
      ...(result.interval && { interval: { low: result.interval.low, high: result.interval.high } }),
    },
  };
}
