import type { Observation } from '../statistics/observation.js';
import { checkpointKey, checkpointRows, compareText, indexObservations, runKey } from './aggregate-observations.js';
import { categoryCells, policyPromptScores, promptStability } from './policy-prompt-scores.js';
import { buildDrilldown } from './build-drilldown.js';
import {
  armRowsFromAnalysis,
  baselineRowsFromAnalysis,
  comparisonRowsFromAnalysis,
  powerRowsFromAnalysis,
  varianceRowsFromAnalysis,
} from './from-analysis.js';
import { reportVerdicts } from '../wording/report-headline.js';
import { sequentialNaiveWarning } from '../wording/sequential-outcome.js';
import { armColor } from './palette.js';
import { selectPolicyCheckpoints } from './policy-checkpoints.js';
import { armRowsFromScores, powerRowFromScores, varianceRowsFromMatrix } from './without-analysis.js';
import { DEFAULT_LIMITS, type ReportInput } from './report-input.js';
import { bandRows, DEFAULT_BAND } from './band.js';
import { checkpointSelection } from './checkpoint-selection.js';
import { trainLossPoints, valLossPoints } from './loss-curves.js';
import type { ReportModel, SeedScoreRow } from './report-model.js';
import { sequentialSection } from './sequential-section.js';

/**
 * Builds the one report model every renderer draws from (architecture rule 8). Pure and
 * deterministic: same input, same model, whatever the input order of observations or runs.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const analysis = input.analysis ?? null;
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const observations = withValLosses(input.observations, input.valLosses);
  const index = indexObservations(observations, input.study.arms);
  const arms = index.arms;
  const policy = selectPolicyCheckpoints(index, input.study.checkpointPolicy, analysis);
  const runs = [...(input.runs ?? [])].sort(
    (a, b) => arms.indexOf(a.arm) - arms.indexOf(b.arm) || a.seed - b.seed || compareText(a.runId, b.runId),
  );
  const sha = new Map<string, string | null>();
  for (const r of runs) for (const c of r.checkpoints) sha.set(checkpointKey(r.arm, r.seed, c.step), c.sha256);

  const checkpointScores = checkpointRows(index, policy, sha);
  const seedScores: SeedScoreRow[] = checkpointScores
    .filter((r) => r.policy)
    .map((r) => ({ arm: r.arm, seed: r.seed, step: r.step, score: r.score, valLoss: r.valLoss, nPrompts: r.nPrompts }));
  const promptScores = policyPromptScores(observations, policy);
  const stability = promptStability(promptScores, arms, input.study.passThreshold);

  const armSummaries = analysis ? armRowsFromAnalysis(analysis) : armRowsFromScores(seedScores, arms);
  const comparisons = analysis ? comparisonRowsFromAnalysis(analysis) : [];
  const baselines = analysis ? baselineRowsFromAnalysis(analysis) : [];
  const warnings: string[] = [];
  if (!analysis)
    warnings.push(
      'No analysis (summary.json) was found: comparisons and baseline verdicts are missing; run `seedstudy analyze` first.',
    );
  warnings.push(...(analysis?.warnings ?? []));
  const sequential = input.sequential ? sequentialSection(input.sequential.record, input.sequential.design) : null;
  if (sequential?.sentences.redesign) warnings.unshift(sequential.sentences.redesign);
  if (sequential && (comparisons.length > 0 || baselines.length > 0))
    warnings.push(sequentialNaiveWarning(sequential.question));
  const missingPolicy = [...index.checkpoints.keys()].filter((k) => !policy.has(k));
  if (missingPolicy.length)
    warnings.push(
      `${missingPolicy.length} run(s) have no checkpoint matching the policy ${input.study.checkpointPolicy} and are left out of the headline numbers.`,
    );

  let varianceComponents = analysis ? varianceRowsFromAnalysis(analysis) : [];
  if (varianceComponents.length === 0) {
    const matrix = (arm: string) => seedPromptMatrix(arm, index.seeds, index.prompts, promptScores);
    varianceComponents = arms.flatMap((arm) => varianceRowsFromMatrix(arm, matrix(arm)));
  }
  let power = analysis ? powerRowsFromAnalysis(analysis) : [];
  if (power.length === 0) {
    power = arms
      .map((arm) =>
        powerRowFromScores(
          arm,
          seedScores.filter((s) => s.arm === arm).map((s) => s.score),
        ),
      )
      .filter((p): p is NonNullable<typeof p> => p !== null);
  }

  const band = input.band ?? DEFAULT_BAND;
  const trainLoss = trainLossPoints(input.trainLosses, arms);
  const valLoss = valLossPoints(input.valLosses, checkpointScores, arms);
  const curve = (points: readonly { arm: string; seed: number; step: number }[], value: (i: number) => number) =>
    bandRows(
      points.map((p, i) => ({ arm: p.arm, seed: p.seed, step: p.step, value: value(i) })),
      arms,
      band,
    );

  return {
    study: {
      name: input.study.name,
      description: input.study.description ?? null,
      checkpointPolicy: input.study.checkpointPolicy,
      passThreshold: input.study.passThreshold,
    },
    arms: arms.map((name, i) => ({ name, color: armColor(i) })),
    seeds: index.seeds,
    steps: index.steps,
    categories: index.categories,
    promptCount: index.prompts.length,
    headline: reportVerdicts(analysis, armSummaries),
    warnings,
    armSummaries,
    comparisons,
    baselines,
    seedScores,
    checkpointScores,
    band,
    trajectory: curve(checkpointScores, (i) => checkpointScores[i]!.score),
    trainLoss,
    trainLossBand: curve(trainLoss, (i) => trainLoss[i]!.loss),
    valLoss,
    valLossBand: curve(valLoss, (i) => valLoss[i]!.loss),
    checkpointSelection: checkpointSelection(analysis),
    categoryCells: categoryCells(promptScores, arms),
    promptStability: stability,
    failureCounts: index.failureCounts,
    varianceComponents,
    power,
    drilldown: buildDrilldown(arms, index.seeds, stability, promptScores, policy, input.outputs ?? [], limits),
    provenance: {
      generatedAt: input.generatedAt,
      seedstudyVersion: input.seedstudyVersion,
      studyFileSha256: input.study.fileSha256 ?? null,
      gitCommit: input.study.gitCommit ?? null,
      runs,
    },
    observations: sortObservations(observations, arms),
    analysis,
    sequential,
  };
}

/** Fills each observation's val loss from metrics when the observation has none. */
function withValLosses(
  observations: readonly Observation[],
  valLosses: ReportInput['valLosses'],
): readonly Observation[] {
  if (!valLosses || valLosses.length === 0) return observations;
  const byCheckpoint = new Map(valLosses.map((v) => [checkpointKey(v.arm, v.seed, v.step), v.valLoss]));
  return observations.map((o) => {
    if (o.valLoss !== undefined) return o;
    const v = byCheckpoint.get(checkpointKey(o.arm, o.seed, o.checkpoint));
    return v === undefined ? o : { ...o, valLoss: v };
  });
}

/** Stable order for scores.csv: arm (study order), seed, step, prompt, repeat. Sorts only when needed. */
function sortObservations(observations: readonly Observation[], arms: readonly string[]): readonly Observation[] {
  const rank = new Map(arms.map((a, i) => [a, i]));
  const order = (a: Observation, b: Observation): number =>
    rank.get(a.arm)! - rank.get(b.arm)! ||
    a.seed - b.seed ||
    a.checkpoint - b.checkpoint ||
    compareText(a.promptId, b.promptId) ||
    (a.repeat ?? 0) - (b.repeat ?? 0);
  for (let i = 1; i < observations.length; i++)
    if (order(observations[i - 1]!, observations[i]!) > 0) return [...observations].sort(order);
  return observations;
}

/** Seeds × prompts matrix of one arm's policy scores (complete rows only). */
function seedPromptMatrix(
  arm: string,
  seeds: readonly number[],
  prompts: readonly string[],
  scores: ReturnType<typeof policyPromptScores>,
): number[][] {
  const matrix: number[][] = [];
  for (const seed of seeds) {
    const row: number[] = [];
    for (const p of prompts) {
      const s = scores.get(`${runKey(arm, seed)}\u0000${p}`);
      if (s) row.push(s.sum / s.n);
    }
    if (row.length === prompts.length) matrix.push(row);
  }
  return matrix;
}
