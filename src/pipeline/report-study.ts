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
import { collectObservations } from './collect-observations.js';
import { derivedStale, planKey } from './derived-files.js';
import { assertOutputOwner } from './output-owner.js';
import { planStudy } from './plan-study.js';
import { studyLayout } from '../plan/run-layout.js';
import { readJsonl } from '../results/jsonl.js';

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
}

/**
 * The report stage: results store → report model → `reports/<study>/` (index.html, report.md,
 * charts, CSVs, summary.json). `seedstudy report` calls this; `seedstudy run` calls it last,
 * passing the analysis it just computed.
 */
export async function reportStudy(study: Study, options: ReportStudyOptions = {}): Promise<ReportStudyResult> {
  const cwd = options.cwd ?? process.cwd();
  const reportDir = options.to !== undefined ? resolve(cwd, options.to) : join(cwd, 'reports', study.name);
  const analysis = options.analysis !== undefined ? options.analysis : await currentAnalysis(study);
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
    analysis,
    analyzeIfMissing: (observations) => analyzeInMemory(study, observations),
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    seedstudyVersion: await seedstudyVersion(),
    limits: options.limits,
  });
  const model = buildReportModel({ ...input, band: options.band });
  const written = await writeReport(model, reportDir, { png: options.png ?? true });
  return { ...written, model };
}

/**
 * Makes sure the report reads this study's derived files built for its current plan: refuses
 * another study's output directory, rebuilds observations.jsonl when it was built for another
 * plan, and returns the analysis to use when summary.json was (computed in memory), else
 * undefined (summary.json is read as usual).
 */
async function currentAnalysis(study: Study): Promise<AnalysisResult | null | undefined> {
  await assertOutputOwner(study);
  const plan = await planStudy(study);
  const key = planKey(plan.runs);
  const observationsStale = await derivedStale(study.outputDir, 'observations', key);
  const observations = observationsStale ? await collectObservations(study.outputDir, plan.runs) : undefined;
  if (!observationsStale && !(await derivedStale(study.outputDir, 'summary', key))) return undefined;
  const rows = observations ?? ((await readJsonl(studyLayout.observations(study.outputDir))) as Observation[]);
  return rows.length === 0 ? undefined : analyzeInMemory(study, rows);
}

/**
 * The study's pre-registered analysis, computed in memory when summary.json is missing, so
 * `seedstudy report` works right after scoring. A failure leaves the report without
 * inferential sections (and says so) rather than without a report.
 */
function analyzeInMemory(study: Study, observations: readonly Observation[]): AnalysisResult | null {
  try {
    return withHeadline(analyze(observations, studyAnalyzeSettings(study)));
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
