#!/usr/bin/env node
// Bench: the variance report for 100 seeds (2 arms × 50) × 40 checkpoints × 500 prompts =
// 2,000,000 observations, built in memory (scripts/bench/_synthetic-study.mjs): report model,
// nine vega-lite charts rendered to SVG and PNG, index.html, report.md, CSVs (scores.csv has every
// observation) and summary.json, written to a temp directory. The analysis document is computed
// first, untimed (the analysis has its own bench). Target (issue 7): under 15 s.
// Imports the built code from dist/ (run-all builds it; alone: `npx tsc -p tsconfig.build.json`).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticStudy } from './_synthetic-study.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p) => join(root, 'dist', p);
if (!existsSync(dist('report/write-report.js'))) {
  console.error('bench report: dist/ is missing; run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { buildReportModel } = await import(dist('report/build-report-model.js'));
const { writeReport } = await import(dist('report/write-report.js'));
const { analyze } = await import(dist('statistics/analyze.js'));

const ARMS = ['base', 'variant'];
const size = { arms: ARMS, seeds: 50, checkpoints: 40, prompts: 500, categories: 10 };
let t = performance.now();
const study = syntheticStudy(size);
console.error(
  `bench report: generated ${study.observations.length} observations in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
t = performance.now();
const analysis = analyze(study.observations, {
  checkpoint: 'final',
  resamples: 1000,
  rngSeed: 1,
  passThreshold: 1,
  baselines: [{ name: 'claim', claimed: 0.8, arm: 'base' }],
});
console.error(`bench report: analysis (untimed, 1,000 resamples) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const out = mkdtempSync(join(tmpdir(), 'seedstudy-bench-report-'));
try {
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const model = buildReportModel({
    study: { name: 'bench', arms: ARMS, checkpointPolicy: 'final', passThreshold: 1 },
    observations: study.observations,
    analysis,
    outputs: study.outputs,
    runs: study.runs,
    generatedAt: new Date().toISOString(),
    seedstudyVersion: 'bench',
  });
  const modelMs = performance.now() - start;
  const written = await writeReport(model, out);
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const mb = (f) => statSync(join(out, f)).size / 1e6;
  const line = (metric, value, unit, target, pass, extra = {}) =>
    process.stdout.write(`${JSON.stringify({ bench: 'report', metric, value, unit, target, pass, ...extra })}\n`);
  line('report_100x40x500', Math.round(totalMs), 'ms', '< 15000', totalMs < 15_000, {
    observations: study.observations.length,
    model_ms: Math.round(modelMs),
    ...Object.fromEntries(Object.entries(written.timings).map(([k, v]) => [`${k}_ms`, v])),
    files: written.files.length,
  });
  // Wall time is the target; CPU time shows the cost when other work shares the machine.
  line('report_100x40x500_cpu', Math.round(cpuMs), 'ms', 'info', true);
  line('index_html_size', Number(mb('index.html').toFixed(2)), 'MB', '< 10', mb('index.html') < 10, {
    scores_csv_mb: Number(mb('scores.csv').toFixed(1)),
  });
  line('peak_rss', Math.round(process.resourceUsage().maxRSS / 1024), 'MB', 'info', true);
} finally {
  rmSync(out, { recursive: true, force: true });
}
