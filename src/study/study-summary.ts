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
  /** Checkpoints each run saves (iters / save_every), per arm. */
  checkpointsPerRun: Record<string, number>;
  /** Of those, how many `eval.checkpoints` selects, per arm (the base model not counted). */
  evaluatedPerRun: Record<string, number>;
  includeBase: boolean;
  outputDir: string;
}

/** Counts what a valid study will produce, so `validate` shows the size of the work before it starts. */
export function summarizeStudy(study: Study): StudySummary {
  const checkpointsPerRun: Record<string, number> = {};
  const evaluatedPerRun: Record<string, number> = {};
  const selection = study.eval.checkpoints;
  for (const arm of study.arms) {
    const train = mergeTrain(study.train, arm.train);
    const iters = train.iters ?? mlxLoraDefaults.iters;
    const saved = Math.floor(iters / (train.save_every ?? mlxLoraDefaults.save_every));
    checkpointsPerRun[arm.name] = saved;
    evaluatedPerRun[arm.name] =
      selection === 'all' ? saved : Array.isArray(selection) ? selection.length : Math.floor(iters / selection.every);
  }
  return {
    ok: true,
    file: study.file,
    name: study.name,
    arms: study.arms.map((a) => a.name),
    seeds: study.seeds,
    runs: study.arms.length * study.seeds.length,
    checkpointsPerRun,
    evaluatedPerRun,
    includeBase: study.eval.include_base,
    outputDir: study.outputDir,
  };
}

/** The short human form of a summary. */
export function formatStudySummary(summary: StudySummary): string {
  const perArm = (counts: Record<string, number>) =>
    new Set(Object.values(counts)).size === 1
      ? String(Object.values(counts)[0])
      : Object.entries(counts)
          .map(([a, n]) => `${a} ${n}`)
          .join(', ');
  return [
    `OK ${summary.file}`,
    `  study       ${summary.name}`,
    `  arms        ${summary.arms.length}: ${summary.arms.join(', ')}`,
    `  seeds       ${summary.seeds.length}: ${summary.seeds.join(', ')}`,
    `  runs        ${summary.runs}`,
    `  checkpoints ${perArm(summary.checkpointsPerRun)} saved per run, ${perArm(summary.evaluatedPerRun)} evaluated${summary.includeBase ? ' (+ the base model as step 0)' : ''}`,
    `  output      ${summary.outputDir}`,
  ].join('\n');
}
