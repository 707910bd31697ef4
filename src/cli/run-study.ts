import { join, relative } from 'node:path';
import { loadStudy } from '../study/load-study.js';
import { planStudy } from '../pipeline/plan-study.js';
import { trainStudy } from '../pipeline/train-study.js';
import { evalStudy } from '../pipeline/eval-study.js';
import { loadAnalysisSource } from '../pipeline/analysis-input.js';
import { runAnalysis } from '../pipeline/run-analysis.js';
import { reportStudy } from '../pipeline/report-study.js';
import { createTrainRenderer, formatDuration } from './train-progress.js';

/** Flags of `seedstudy run`. */
export interface RunStudyArgs {
  studyFile: string;
  output?: string | undefined;
  to?: string | undefined;
  concurrency?: number | undefined;
  detach?: boolean | undefined;
}

/**
 * The body of `seedstudy run`: plan → train → eval (+ score) → analyze → report. Every stage
 * skips what is already done on disk, so re-running after a crash, a Ctrl-C or a failed run picks
 * up where it stopped. A failed run does not stop the study: the report covers the runs that
 * succeeded and the exit code (1) says some did not. Returns the exit code.
 */
export async function runStudy(args: RunStudyArgs): Promise<number> {
  const t0 = performance.now();
  const study = await loadStudy(args.studyFile, args.output !== undefined ? { output: args.output } : {});
  const plan = await planStudy(study);
  const stage = (n: number, what: string) => console.log(`\n[${n}/5] ${what}`);
  console.log(
    `study ${study.name}: ${plan.study.arms.length} arm(s) × ${plan.study.seeds.length} seed(s) = ${plan.runs.length} runs → ${relative(process.cwd(), study.outputDir) || '.'}`,
  );

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failedRuns = 0;
  try {
    if (study.executor.kind === 'slurm') {
      stage(1, 'train and evaluate on Slurm (one array task per run)');
      const { runSlurmSweep } = await import('./run-slurm.js');
      const sweep = await runSlurmSweep(study, { evaluate: true, detach: Boolean(args.detach), command: 'seedstudy run' });
      if (sweep.detached) return 0;
      if (sweep.exitCode === 130 || controller.signal.aborted) return 130;
      failedRuns = sweep.notSucceeded;
    } else {
      stage(1, 'train');
      const renderer = createTrainRenderer(process.stdout, Boolean(process.stdout.isTTY));
      let summary;
      try {
        summary = await trainStudy(study, {
          signal: controller.signal,
          onEvent: (e) => renderer.handle(e),
          ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
        });
      } finally {
        renderer.finish();
      }
      for (const w of summary.seedWarnings) console.error(`WARNING: arm "${w.arm}": ${w.reason}`);
      for (const f of summary.failed) console.log(`  ✗ ${f.arm}/seed-${f.seed}: ${f.reason}\n    log: ${f.logPath}`);
      if (summary.outcome === 'interrupted' || controller.signal.aborted) {
        console.log('interrupted: run the same command again to resume');
        return 130;
      }
      failedRuns = summary.failed.length;
      console.log(`  ${summary.succeeded}/${summary.total} runs trained (${summary.skipped} from earlier) in ${formatDuration(summary.wallS)}`);
    }

    stage(2, 'evaluate every checkpoint and score');
    const evaluated = await evalStudy(study, { signal: controller.signal, onProgress: (m) => console.log(`  ${m}`) });
    if (controller.signal.aborted) return 130;
    const done = evaluated.runs.reduce((n, r) => n + r.evaluated.length, 0);
    const kept = evaluated.runs.reduce((n, r) => n + r.skipped.length, 0);
    console.log(`  ${done} checkpoint(s) evaluated, ${kept} already up to date; ${evaluated.observations} scored prompts`);
    for (const n of evaluated.notTrained) console.log(`  not evaluated: ${n.arm}/seed-${n.seed} (${n.status})`);

    stage(3, 'analyze');
    const source = await loadAnalysisSource({ study: args.studyFile, output: args.output });
    const { result, written } = await runAnalysis(source);
    for (const line of result.headline) console.log(`  ${line}`);
    if (written) console.log(`  → ${relative(process.cwd(), written)}`);

    stage(4, 'report');
    const report = await reportStudy(study, { analysis: result, to: args.to });
    stage(5, `done in ${formatDuration((performance.now() - t0) / 1000)}`);
    console.log(`report: ${join(report.reportDir, 'index.html')}`);
    if (failedRuns > 0) console.log(`${failedRuns} run(s) failed; see \`seedstudy status ${args.studyFile}\`. Re-run to retry them.`);
    return failedRuns > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
