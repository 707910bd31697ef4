import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { evalFiles } from '../evaluation/eval-manifest.js';
import { runLayout, studyLayout } from '../plan/run-layout.js';
import { readJsonl } from '../results/jsonl.js';
import { readMetrics } from '../results/metrics-record.js';
import { readRunRecord } from '../results/run-record.js';
import { sequentialRecordFile, sequentialRecordSchema, type SequentialRecord } from '../results/sequential-record.js';
import type { SequentialDesignFacts } from '../wording/sequential-outcome.js';
import { indexObservations, runKey } from '../report/aggregate-observations.js';
import { selectPolicyCheckpoints } from '../report/policy-checkpoints.js';
import type { ReportInput, ReportOutput } from '../report/report-input.js';
import type { ProvenanceRun } from '../report/report-model.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import type { Observation } from '../statistics/observation.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { integrityError, verifyRunResults } from './verify-results.js';

/** What the loader needs besides the results store. */
export interface LoadReportInputOptions {
  outputDir: string;
  study: ReportInput['study'];
  /** The observations to report on, when the caller gathered them (a partial study); default observations.jsonl. */
  observations?: Observation[] | undefined;
  /** An analysis already computed in this process (e.g. by `seedstudy run`); otherwise summary.json is read. */
  analysis?: AnalysisResult | null | undefined;
  /** Computes the analysis when neither `analysis` nor summary.json is there (null: report without it). */
  analyzeIfMissing?: ((observations: readonly Observation[]) => AnalysisResult | null) | undefined;
  /** The study file's sequential looks and α (for "look 2 of 4" and the intervals' level), when it has a design. */
  sequentialDesign?: SequentialDesignFacts | undefined;
  generatedAt: string;
  seedstudyVersion: string;
  limits?: ReportInput['limits'];
}

/**
 * Reads a study's results store into a `ReportInput`: observations.jsonl, summary.json, every
 * run.json and metrics.jsonl, and the generations and scorer reasons of each run's policy
 * checkpoint only (the drill-down), so a 100-seed × 40-checkpoint study does not load
 * millions of outputs. Refuses (UserError) when a checkpoint or record file changed since it was
 * recorded: a report must not list a sha256 its file no longer has, nor scores its records no longer hold
 * (a checkpoint file that is absent altogether is unverifiable, not wrong, and is let pass).
 */
export async function loadReportInput(options: LoadReportInputOptions): Promise<ReportInput> {
  const { outputDir } = options;
  const observations =
    options.observations ?? ((await readJsonl(studyLayout.observations(outputDir))) as Observation[]);
  if (observations.length === 0) {
    throw new UserError('there are no scored observations to report on', {
      file: studyLayout.observations(outputDir),
      fix: 'run `seedstudy eval` and `seedstudy score` (or `seedstudy run`) for this study first',
    });
  }
  let analysis = options.analysis !== undefined ? options.analysis : await readAnalysis(studyLayout.summary(outputDir));
  if (analysis === null && options.analysis === undefined && options.analyzeIfMissing)
    analysis = options.analyzeIfMissing(observations);
  const runDirs = await listRunDirs(outputDir);
  const problems: IntegrityProblem[] = [];
  for (const r of runDirs) problems.push(...(await verifyRunResults(r.dir, { missingCheckpointsOk: true })));
  if (problems.length > 0) throw integrityError(problems, studyLayout.observations(outputDir));
  const runs: ProvenanceRun[] = [];
  const valLosses: { arm: string; seed: number; step: number; valLoss: number }[] = [];
  const trainLosses: { arm: string; seed: number; step: number; trainLoss: number }[] = [];
  for (const { arm, seed, dir } of runDirs) {
    const record = await readRunRecord(dir);
    if (record) {
      runs.push({
        runId: record.runId,
        arm: record.arm,
        seed: record.seed,
        status: record.status,
        mlxLmVersion: record.versions.mlxLm,
        ...(record.trainer === 'prefix-cache' && {
          trainer: 'prefix-cache' as const,
          ...(record.resumedFromIteration && { resumedFromIteration: record.resumedFromIteration }),
        }),
        gitCommit: null,
        host: record.host,
        startedAt: record.startedAt,
        finishedAt: record.endedAt,
        checkpoints: record.checkpoints
          .map((c) => ({ step: c.step, sha256: c.sha256 }))
          .sort((a, b) => a.step - b.step),
      });
    }
    for (const m of await readMetrics(runLayout.metrics(dir)).catch(() => [])) {
      if (m.kind === 'val' && m.iteration !== null && typeof m.val_loss === 'number')
        valLosses.push({ arm, seed, step: m.iteration, valLoss: m.val_loss });
      if (m.kind === 'train' && m.step !== null && typeof m.train_loss === 'number')
        trainLosses.push({ arm, seed, step: m.step, trainLoss: m.train_loss });
    }
  }
  const index = indexObservations(observations, options.study.arms);
  const policy = selectPolicyCheckpoints(index, options.study.checkpointPolicy, analysis);
  const outputs: ReportOutput[] = [];
  for (const { arm, seed, dir } of runDirs) {
    const step = policy.get(runKey(arm, seed));
    if (step === undefined) continue;
    outputs.push(...(await readOutputs(runLayout.checkpointEvalDir(dir, step))));
  }
  const sequentialRecord = await readSequentialRecord(sequentialRecordFile(outputDir));
  return {
    study: options.study,
    observations,
    analysis,
    sequential: sequentialRecord ? { record: sequentialRecord, design: options.sequentialDesign } : null,
    valLosses,
    trainLosses,
    outputs,
    runs,
    generatedAt: options.generatedAt,
    seedstudyVersion: options.seedstudyVersion,
    limits: options.limits,
  };
}

async function readAnalysis(file: string): Promise<AnalysisResult | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as AnalysisResult;
  } catch {
    throw new UserError('summary.json is not valid JSON', { file, fix: 'run `seedstudy analyze` again to rewrite it' });
  }
}

/**
 * sequential.json, validated against its schema; null when the study has none (a fixed design). A record
 * that does not match is refused with every problem at once: a report must not guess what a look decided.
 */
async function readSequentialRecord(file: string): Promise<SequentialRecord | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const fix = 'restore sequential.json from the run that wrote it, or run `seedstudy run` again to append the looks';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError('sequential.json is not valid JSON', { file, fix });
  }
  const parsed = sequentialRecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new UserError(`sequential.json does not match its schema: ${problems.join('; ')}`, {
    file,
    ...(parsed.error.issues[0] ? { keyPath: parsed.error.issues[0].path.join('.') } : {}),
    fix,
  });
}

/** `<output>/runs/<arm>/seed-<n>` directories, in arm then seed order. */
async function listRunDirs(outputDir: string): Promise<{ arm: string; seed: number; dir: string }[]> {
  const root = join(outputDir, 'runs');
  const out: { arm: string; seed: number; dir: string }[] = [];
  for (const arm of (await readdir(root).catch(() => [] as string[])).sort()) {
    for (const name of (await readdir(join(root, arm)).catch(() => [] as string[])).sort()) {
      const m = /^seed-(\d+)$/.exec(name);
      if (m) out.push({ arm, seed: Number(m[1]), dir: runLayout.runDir(outputDir, arm, Number(m[1])) });
    }
  }
  return out;
}

/**
 * Generations of one checkpoint joined with their scorer reasons (first repeat only); an eval.command's
 * records have no generation, so their own `reason` and `output` (when given) are shown instead.
 */
async function readOutputs(dir: string): Promise<ReportOutput[]> {
  const reasons = new Map<string, string>();
  const scoreOnly: ReportOutput[] = [];
  for (const raw of await readJsonl(evalFiles.scores(dir))) {
    const s = raw as {
      prompt_id?: unknown;
      repeat?: unknown;
      reason?: unknown;
      arm?: unknown;
      seed?: unknown;
      step?: unknown;
      output?: unknown;
      scorer?: unknown;
    };
    if (typeof s.prompt_id === 'string' && (s.repeat ?? 0) === 0 && typeof s.reason === 'string')
      reasons.set(s.prompt_id, s.reason);
    if (
      s.scorer === 'command' &&
      typeof s.arm === 'string' &&
      typeof s.seed === 'number' &&
      typeof s.step === 'number' &&
      typeof s.prompt_id === 'string' &&
      (s.repeat ?? 0) === 0
    ) {
      const output = typeof s.output === 'string' ? s.output : null;
      const reason = typeof s.reason === 'string' ? s.reason : null;
      const { arm, seed, step } = s;
      scoreOnly.push({ arm, seed, step, promptId: s.prompt_id, output, reason, finishReason: null });
    }
  }
  const out: ReportOutput[] = [...scoreOnly];
  for (const raw of await readJsonl(evalFiles.generations(dir))) {
    const g = raw as {
      arm?: unknown;
      seed?: unknown;
      step?: unknown;
      prompt_id?: unknown;
      output?: unknown;
      finish_reason?: unknown;
      repeat?: unknown;
    };
    if (
      typeof g.arm !== 'string' ||
      typeof g.seed !== 'number' ||
      typeof g.step !== 'number' ||
      typeof g.prompt_id !== 'string' ||
      (g.repeat ?? 0) !== 0
    )
      continue;
    out.push({
      arm: g.arm,
      seed: g.seed,
      step: g.step,
      promptId: g.prompt_id,
      output: typeof g.output === 'string' ? g.output : null,
      reason: reasons.get(g.prompt_id) ?? null,
      finishReason: typeof g.finish_reason === 'string' ? g.finish_reason : null,
    });
  }
  return out;
}
