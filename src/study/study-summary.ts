import { mlxLoraDefaults } from './mlx-defaults.js';
import { mergeTrain } from './merge-train.js';
import type { Study } from './study.js';

/** What `seedstudy validate` reports about a valid study (also its --json output). */
export interface StudySummary {
  ok: true;
  file: string;
  name: string;
  arms: string[];
  seeds: number[];
  runs: number;
  /** Checkpoints each run saves (iters / save_every), per arm, plus the base model when evaluated. */
  checkpointsPerRun: Record<string, number>;
  includeBase: boolean;
  outputDir: string;
}

/** Counts what a valid study will produce, so `validate` shows the size of the work before it starts. */
export function summarizeStudy(study: Study): StudySummary {
  const checkpointsPerRun = Object.fromEntries(
    study.arms.map((arm) => {
      const train = mergeTrain(study.train, arm.train);
      return [arm.name, Math.floor((train.iters ?? mlxLoraDefaults.iters) / (train.save_every ?? mlxLoraDefaults.save_every))];
    }),
  );
  return {
    ok: true,
    file: study.file,
    name: study.name,
    arms: study.arms.map((a) => a.name),
    seeds: study.seeds,
    runs: study.arms.length * study.seeds.length,
    checkpointsPerRun,
    includeBase: study.eval.include_base,
    outputDir: study.outputDir,
  };
}

/** The short human form of a summary. */
export function formatStudySummary(summary: StudySummary): string {
  const counts = [...new Set(Object.values(summary.checkpointsPerRun))];
  const perRun = counts.length === 1 ? String(counts[0]) : Object.entries(summary.checkpointsPerRun).map(([a, n]) => `${a} ${n}`).join(', ');
  return [
    `OK ${summary.file}`,
    `  study       ${summary.name}`,
    `  arms        ${summary.arms.length}: ${summary.arms.join(', ')}`,
    `  seeds       ${summary.seeds.length}: ${summary.seeds.join(', ')}`,
    `  runs        ${summary.runs}`,
    `  checkpoints ${perRun} per run${summary.includeBase ? ' (+ the base model as step 0)' : ''}`,
    `  output      ${summary.outputDir}`,
  ].join('\n');
}
