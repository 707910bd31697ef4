import type { Observation } from './observation.js';
import type { CategoryObservation } from './category-observation.js';
import type { AnalysisStatistics, ArmJson, RunsComparability } from './analysis-result.js';
import { armSummary } from './arm-summary.js';
import { parseCheckpointPolicy, seedScores, type ArmSeedScores } from './seed-scores.js';
import { categoryArms } from './category-arms.js';
import { compareArms, allPairs } from './compare-arms.js';
import { reproduceBaseline, REPRODUCTION_RULE } from './baseline-reproduction.js';
import { pairedRuns, type RunScores } from './paired-runs.js';
import { powerForArm } from './power.js';
import { wilsonInterval } from './binomial-intervals.js';
import { clusteredSe, promptSe } from './run-precision.js';
import { extraSections } from './analyze-sections.js';
import { insufficient, isInsufficient } from './result.js';
import { seededRandom } from './rng.js';
import { averagedScoreValues, DEFAULT_SCORE_VALUES, type ScoreValues } from './score-values.js';
import { reachableNear } from './nearest-mean.js';
import { checkBaselineClaim, type BaselineClaim } from './baseline-claim.js';
import { reproductionPlan } from './reproduction-planning.js';

export type * from './analysis-result.js';

export type { BaselineClaim } from './baseline-claim.js';

export type { ScoreValues } from './score-values.js';

/** Pre-registered analysis choices. */
export interface AnalyzeSettings {
  /** `final`, `best-val` or `step=N`. */
  checkpoint: string;
  resamples: number;
  rngSeed: number;
  baselines: BaselineClaim[];
  /** Pairs to compare; default: every pair of arms with ≥ 2 seeds (single-run pairs go to single_runs). */
  comparisons?: [string, string][] | undefined;
  /** A prompt passes when its score ≥ this. */
  passThreshold: number;
  /** Per-prompt score values for the comparability gate; default DEFAULT_SCORE_VALUES. */
  scoreValues?: ScoreValues | undefined;
}

interface ArmData {
  seeds: ArmSeedScores;
  granularity: 'prompt' | 'category';
  promptCount: number;
  /** Per seed: category sums at the chosen checkpoint. */
  categorySums: Map<number, { category: string; promptCount: number; sum: number }[]>;
}

function promptArm(s: ArmSeedScores): ArmData {
  const categorySums = new Map<number, { category: string; promptCount: number; sum: number }[]>();
  const P = s.promptIds.length;
  s.perSeed.forEach((seed, i) => {
    const sums = new Map<string, { category: string; promptCount: number; sum: number }>();
    s.promptIds.forEach((_, p) => {
      const c = s.categories[p]!;
      const e = sums.get(c) ?? { category: c, promptCount: 0, sum: 0 };
      e.promptCount++;
      e.sum += s.matrix.values[i * P + p]!;
      sums.set(c, e);
    });
    categorySums.set(
      seed.seed,
      [...sums.values()].sort((a, b) => (a.category < b.category ? -1 : 1)),
    );
  });
  return { seeds: s, granularity: 'prompt', promptCount: P, categorySums };
}

function runScores(d: ArmData): RunScores {
  const seed = d.seeds.perSeed[0]!;
  const P = d.seeds.promptIds.length;
  return {
    label: d.seeds.arm,
    prompts:
      d.granularity === 'prompt'
        ? d.seeds.promptIds.map((promptId, p) => ({
            promptId,
            category: d.seeds.categories[p]!,
            score: d.seeds.matrix.values[p]!,
          }))
        : undefined,
    categories: d.categorySums.get(seed.seed) ?? (P ? [] : []),
  };
}

function armJson(d: ArmData, settings: AnalyzeSettings): ArmJson {
  const base = armSummary(d.seeds, { rngSeed: settings.rngSeed, resamples: settings.resamples });
  const n = d.seeds.perSeed.length;
  const k = d.seeds.perSeed.filter((s) => s.score >= settings.passThreshold - 1e-12).length;
  const P = d.seeds.promptIds.length;
  const catOnly = insufficient('category-level data: no per-prompt scores');
  return {
    ...base,
    ...(d.granularity === 'category'
      ? { n_prompts: d.promptCount, hierarchical_ci95: catOnly, variance_components: catOnly }
      : {}),
    granularity: d.granularity,
    seeds_passing: n ? { k, n, estimate: k / n, ci95: wilsonInterval(k, n) } : insufficient('no seeds'),
    run_precision: d.seeds.perSeed.map((s, i) => ({
      seed: s.seed,
      score: s.score,
      n_prompts: d.promptCount,
      se_prompts: d.granularity === 'prompt' ? promptSe(d.seeds.matrix.values.subarray(i * P, (i + 1) * P)) : catOnly,
      se_clustered: clusteredSe(d.categorySums.get(s.seed) ?? []),
    })),
  };
}

/** Prompts per category of an arm's eval (from its first seed; every seed saw the same prompts). */
function categoryPrompts(d: ArmData): Record<string, number> {
  const first = d.seeds.perSeed[0];
  const sums = first ? (d.categorySums.get(first.seed) ?? []) : [];
  return sums.length ? Object.fromEntries(sums.map((c) => [c.category, c.promptCount])) : { all: d.promptCount };
}

/**
 * Both single runs' scores must be scores this eval can produce (docs/references.md §22). Checked per
 * category, because that is where an imported figure goes wrong (Phase 33b: domain 60% of 9
 * prompts); when every category is reachable, so is the overall.
 */
function runsComparable(
  a: ArmData,
  b: ArmData,
  raw: ScoreValues,
  repeatsOf: (arm: string) => number,
): RunsComparability {
  const base = { values: raw.values === null ? null : [...raw.values], values_source: raw.source };
  if (raw.values === null) return { passed: true, verifiable: false, ...base, unreachable: [] };
  const unreachable: RunsComparability['unreachable'] = [];
  for (const d of [a, b]) {
    // A run's prompt scores average its repeated evaluations, so its grid is the averaged one.
    const grid = averagedScoreValues(raw, repeatsOf(d.seeds.arm)).values!;
    const first = d.seeds.perSeed[0]!;
    const off = (d.categorySums.get(first.seed) ?? []).flatMap((c) => {
      const mean = c.sum / c.promptCount;
      const near = reachableNear(grid, c.promptCount, mean, 1e-9);
      if (near.reachable !== false) return [];
      return [{ category: c.category, score: mean, prompts: c.promptCount, nearest: near.nearest! }];
    });
    if (off.length) unreachable.push({ arm: d.seeds.arm, categories: off });
  }
  return { passed: unreachable.length === 0, verifiable: true, ...base, unreachable };
}

/** Runs every analysis on long-format observations (plus category-level rows, if imported). */
export function analyze(
  observations: readonly Observation[],
  settings: AnalyzeSettings,
  categoryLevel: readonly CategoryObservation[] = [],
): AnalysisStatistics {
  const policy = parseCheckpointPolicy(settings.checkpoint);
  if (isInsufficient(policy)) throw new RangeError(policy.reason);
  const data = [
    ...seedScores(observations, policy).map(promptArm),
    ...categoryArms(categoryLevel, policy).map((c): ArmData => ({
      seeds: c.seeds,
      granularity: 'category',
      promptCount: c.promptCount,
      categorySums: c.categorySums,
    })),
  ].sort((a, b) => (a.seeds.arm < b.seeds.arm ? -1 : 1));
  const byName = new Map(data.map((d) => [d.seeds.arm, d]));
  const arms = data.map((d) => armJson(d, settings));
  const nSeeds = (a: string) => byName.get(a)?.seeds.perSeed.length ?? 0;
  const names = data.map((d) => d.seeds.arm);
  for (const [a, b] of settings.comparisons ?? [])
    for (const x of [a, b]) if (!byName.has(x)) throw new RangeError(`no arm named "${x}" (arms: ${names.join(', ')})`);
  const requested = settings.comparisons ?? allPairs(names);
  const multi = requested.filter(([a, b]) => nSeeds(a) >= 2 || nSeeds(b) >= 2 || settings.comparisons !== undefined);
  const single = requested.filter(([a, b]) => nSeeds(a) === 1 && nSeeds(b) === 1);
  const seedMap = new Map(
    data.map((d) => [d.seeds.arm, d.seeds.perSeed.map((s) => ({ seed: s.seed, score: s.score }))]),
  );
  const comparisons = compareArms(seedMap, multi, { resamples: settings.resamples, rngSeed: settings.rngSeed });
  const maxRepeat = new Map<string, number>();
  for (const o of observations) maxRepeat.set(o.arm, Math.max(maxRepeat.get(o.arm) ?? 0, o.repeat ?? 0));
  const repeatsOf = (arm: string) => (maxRepeat.get(arm) ?? 0) + 1;
  const single_runs: AnalysisStatistics['single_runs'] = single.map(([a, b], i) => ({
    ...pairedRuns(runScores(byName.get(a)!), runScores(byName.get(b)!), {
      passThreshold: settings.passThreshold,
      random: seededRandom(settings.rngSeed + 104729 * (i + 1)),
      resamples: settings.resamples,
    }),
    comparability: runsComparable(
      byName.get(a)!,
      byName.get(b)!,
      settings.scoreValues ?? DEFAULT_SCORE_VALUES,
      repeatsOf,
    ),
  }));
  const baselines = settings.baselines.map((claim) => {
    const arm = claim.arm ?? (names.length === 1 ? names[0]! : undefined);
    if (arm === undefined || !byName.has(arm))
      throw new RangeError(`baseline "${claim.name}": name the arm to check it against (arms: ${names.join(', ')})`);
    const d = byName.get(arm)!;
    const comparability = checkBaselineClaim(claim, categoryPrompts(d), settings.scoreValues ?? DEFAULT_SCORE_VALUES);
    return {
      ...reproduceBaseline(
        d.seeds.perSeed.map((s) => s.score),
        { name: claim.name, claimed: claim.claimed, arm, source: claim.source, comparability },
      ),
      planning: reproductionPlan(),
    };
  });
  const power = data.map((d) =>
    powerForArm(
      d.seeds.arm,
      d.seeds.perSeed.map((s) => s.score),
    ),
  );
  const extra = extraSections(
    observations,
    data.map((d) => d.seeds),
    settings,
  );
  // Arm notes are codes in arms[].notes; wording/analysis.ts words them into warnings once.
  const warnings = [
    ...new Set(
      data.flatMap((d) => d.seeds.droppedSeeds.map((s) => `${d.seeds.arm}: seed ${s.seed} left out: ${s.reason}`)),
    ),
  ];
  return {
    schema_version: 1,
    settings: {
      checkpoint_policy: settings.checkpoint,
      resamples: settings.resamples,
      rng_seed: settings.rngSeed,
      pass_threshold: settings.passThreshold,
      level: 0.95,
    },
    data: {
      observations: observations.length,
      category_observations: categoryLevel.length,
      arms: names,
      prompts: Object.fromEntries(data.map((d) => [d.seeds.arm, d.promptCount])),
      categories: [...new Set(data.flatMap((d) => [...d.seeds.categoryNames]))].sort(),
      granularity: Object.fromEntries(data.map((d) => [d.seeds.arm, d.granularity])),
    },
    arms,
    comparisons,
    baselines,
    single_runs,
    ...extra,
    power,
    reproduction_rule: REPRODUCTION_RULE,
    warnings,
  };
}
