import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { buildReportModel } from '../report/build-report-model.js';
import type { ReportInput } from '../report/report-input.js';
import type { ReportModel } from '../report/report-model.js';
import { writeReport, type WrittenReport } from '../report/write-report.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import { analyze } from '../statistics/analyze.js';
import { withHeadline } from '../wording/analysis.js';
import type { Observation } from '../statistics/observation.js';
import type { Study } from '../study/study.js';
import { repoRoot } from '../study/repo-root.js';
import { studyAnalyzeSettings } from './study-claims.js';
import { loadReportInput } from './load-report-input.js';
import { derivedStale } from './derived-files.js';
import { scoredSoFar, type ScoredCoverage } from './scored-so-far.js';
import { studyLayout } from '../plan/run-layout.js';
import { UserError } from '../errors/user-error.js';
import { coverageSentence } from '../wording/coverage.js';

/** Options of `reportStudy`. */
export interface ReportStudyOptions {
  /** Report directory; default `reports/<study name>/` under `cwd`. */
  to?: string | undefined;
  cwd?: string | undefined;
  /** The analysis if the caller just computed it (`seedstudy run`); default: `<output>/summary.json`. */
  analysis?: AnalysisResult | null | undefined;
  /** Injected clock for the provenance line (tests pin it). */
  now?: (() => Date) | undefined;
  limits?: ReportInput['limits'];
  png?: boolean | undefined;
  /** The band around the mean over seeds in the curve charts (`report --band`). */
  band?: ReportInput['band'];
}

/** What `reportStudy` did: the files and the model they were rendered from. */
export interface ReportStudyResult extends WrittenReport {
  model: ReportModel;
  /** What is missing when the study is not fully scored yet (wording/coverage.ts); null or absent when it is. */
  partial?: string | null;
  /** How much of the study the report covers (absent when its observations were not counted against runs). */
  coverage?: ScoredCoverage | undefined;
}

/**
 * The report stage: results store → report model → `reports/<study>/` (index.html, report.md,
 * charts, CSVs, summary.json). `seedstudy report` calls this; `seedstudy run` calls it last,
 * passing the analysis it just computed.
 */
export async function reportStudy(study: Study, options: ReportStudyOptions = {}): Promise<ReportStudyResult> {
  const cwd = options.cwd ?? process.cwd();
  const reportDir = options.to !== undefined ? resolve(cwd, options.to) : join(cwd, 'reports', study.name);
  const current = options.analysis !== undefined ? undefined : await currentAnalysis(study);
  const analysis = options.analysis !== undefined ? options.analysis : current?.analysis;
  const input = await loadReportInput({
    outputDir: study.outputDir,
    study: {
      name: study.name,
      description: study.description ?? null,
      arms: study.arms.map((a) => a.name),
      checkpointPolicy: study.analysis.checkpoint,
      passThreshold: study.analysis.pass_threshold,
      fileSha256: study.fileSha256,
      gitCommit: await gitCommit(dirname(study.file)),
    },
    observations: current?.observations,
    analysis,
    analyzeIfMissing: (observations) => analyzeInMemory(study, observations, current?.partial ?? null),
    sequentialDesign: study.sequential ? { looks: study.sequential.looks, alpha: study.sequential.alpha } : undefined,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    seedstudyVersion: await seedstudyVersion(),
    limits: options.limits,
  });
  const model = buildReportModel({ ...input, band: options.band });
  const written = await writeReport(model, reportDir, { png: options.png ?? true });
  return { ...written, model, partial: current?.partial ?? null, coverage: current?.coverage };
}

/** The observations a report reads now, the analysis to use (undefined: summary.json) and what is missing. */
interface CurrentAnalysis {
  observations: Observation[];
  coverage: ScoredCoverage | undefined;
  analysis: AnalysisResult | null | undefined;
  partial: string | null;
}

/**
 * The study's scored observations as they are now (scored-so-far.ts: no lock taken, nothing written
 * while the study runs) and the analysis that goes with them: summary.json only when it was built
 * for this plan from these very observations (a complete study), else computed in memory, with the
 * partial study's coverage as its first warning, so the HTML and the Markdown say what is missing.
 */
async function currentAnalysis(study: Study): Promise<CurrentAnalysis> {
  const found = await scoredSoFar(study);
  const partial = found.coverage ? coverageSentence(found.coverage) : null;
  const rows = found.observations;
  if (rows.length === 0) {
    const c = found.coverage;
    throw new UserError(
      `there are no scored observations to report on${c ? ` (0 of ${c.planned} runs fully evaluated)` : ''}`,
      {
        file: studyLayout.observations(study.outputDir),
        fix: found.running
          ? 'wait until a run is trained and evaluated (`seedstudy status` shows when), then run this again'
          : 'run `seedstudy eval` and `seedstudy score` (or `seedstudy run`) for this study first',
      },
    );
  }
  const summary = studyLayout.summary(study.outputDir);
  const usable =
    partial === null &&
    !(await derivedStale(study.outputDir, 'summary', found.key)) &&
    (await summaryObservationCount(summary)) === rows.length;
  const coverage = found.coverage;
  if (usable) return { observations: rows, coverage, analysis: undefined, partial };
  return { observations: rows, coverage, analysis: analyzeInMemory(study, rows, partial), partial };
}

/** How many observations summary.json was computed from; undefined when it is missing or unreadable. */
async function summaryObservationCount(file: string): Promise<number | undefined> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as Partial<AnalysisResult>;
    return typeof json.data?.observations === 'number' ? json.data.observations : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The study's pre-registered analysis, computed in memory when summary.json is missing or not for
 * these observations, so `seedstudy report` works right after scoring and during the study. A failure
 * leaves the report without inferential sections (and says so) rather than without a report.
 */
function analyzeInMemory(
  study: Study,
  observations: readonly Observation[],
  partial: string | null,
): AnalysisResult | null {
  try {
    const result = withHeadline(analyze(observations, studyAnalyzeSettings(study)));
    if (partial) result.warnings.unshift(partial);
    return result;
  } catch {
    return null;
  }
}

/** The commit of the repository holding the study file, or null outside git. */
async function gitCommit(dir: string): Promise<string | null> {
  const result = await execa('git', ['rev-parse', 'HEAD'], { cwd: dir, reject: false, timeout: 5000 });
  return result.exitCode === 0 && /^[0-9a-f]{40}$/.test(result.stdout.trim()) ? result.stdout.trim() : null;
}

/** This installation's version from package.json. */
export async function seedstudyVersion(): Promise<string> {
  try {
    return (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
