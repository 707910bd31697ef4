/**
 * A stand-in `analyze --json` document for the report fixture, assembled from the statistics
 * building blocks, used only while `analyze()` itself is not available. Regenerating the fixture
 * once it is replaces this output with the real document.
 */
import type { AnalysisResult, ArmJson } from '../../src/statistics/analysis-result.js';
import { armSummary } from '../../src/statistics/arm-summary.js';
import { seedScores } from '../../src/statistics/seed-scores.js';
import type { AnalyzeSettings } from '../../src/statistics/analyze.js';
import type { Observation } from '../../src/statistics/observation.js';
import { compareArms, allPairs } from '../../src/statistics/compare-arms.js';
import { reproduceBaseline, REPRODUCTION_RULE } from '../../src/statistics/baseline-reproduction.js';
import { powerForArm } from '../../src/statistics/power.js';
import { insufficient } from '../../src/statistics/result.js';

export function fallbackAnalysis(observations: readonly Observation[], settings: AnalyzeSettings): AnalysisResult {
  const arms = [...new Set(observations.map((o) => o.arm))];
  const prompts = new Set(observations.map((o) => o.promptId)).size;
  const perSeed = new Map<string, { seed: number; score: number; checkpoint: number; n_prompts: number }[]>();
  for (const arm of arms) {
    const rows = observations.filter((o) => o.arm === arm);
    const seeds = [...new Set(rows.map((o) => o.seed))].sort((a, b) => a - b);
    perSeed.set(
      arm,
      seeds.map((seed) => {
        const mine = rows.filter((o) => o.seed === seed);
        const step = Math.max(...mine.map((o) => o.checkpoint));
        const at = mine.filter((o) => o.checkpoint === step);
        return { seed, score: at.reduce((s, o) => s + o.score, 0) / at.length, checkpoint: step, n_prompts: at.length };
      }),
    );
  }
  const armJson: ArmJson[] = seedScores(observations, { kind: 'final' }).map((a) => ({
    ...armSummary(a, { rngSeed: settings.rngSeed, resamples: settings.resamples }),
    granularity: 'prompt' as const,
    seeds_passing: insufficient('not computed in the fixture stand-in'),
    run_precision: [],
  }));
  const scoreMap = new Map(arms.map((a) => [a, perSeed.get(a)!.map(({ seed, score }) => ({ seed, score }))]));
  return {
    schema_version: 1,
    settings: { checkpoint_policy: settings.checkpoint, resamples: settings.resamples, rng_seed: settings.rngSeed, pass_threshold: settings.passThreshold, level: 0.95 },
    data: {
      observations: observations.length,
      category_observations: 0,
      arms,
      prompts: Object.fromEntries(arms.map((a) => [a, prompts])),
      categories: [...new Set(observations.map((o) => o.category))].sort(),
      granularity: Object.fromEntries(arms.map((a) => [a, 'prompt' as const])),
    },
    headline: [],
    arms: armJson,
    comparisons: compareArms(scoreMap, allPairs(arms), { resamples: settings.resamples, rngSeed: settings.rngSeed }),
    baselines: settings.baselines.map((b) =>
      reproduceBaseline(perSeed.get(b.arm ?? arms[0]!)!.map((s) => s.score), { name: b.name, claimed: b.claimed, arm: b.arm ?? arms[0]!, source: b.source, evalPromptCount: prompts }),
    ),
    single_runs: [],
    checkpoints: [],
    correlation: [],
    per_prompt: [],
    failure_classes: [],
    power: arms.map((a) => powerForArm(a, perSeed.get(a)!.map((s) => s.score))),
    reproduction_rule: REPRODUCTION_RULE,
    warnings: ['Fixture stand-in analysis: generated without analyze().'],
  };
}
