#!/usr/bin/env node
// Bench: the full `analyze` (10,000 hierarchical bootstrap resamples, every section) on a synthetic
// study of 100 seeds (2 arms × 50) × 40 checkpoints × 500 prompts = 2,000,000 observations.
// Targets (issue 6): analysis under 10 s and peak RSS under 1.5 GB on the 2-core bench machine.
// Imports the built code from dist/ (run-all builds it; alone: `npx tsc -p tsconfig.build.json`).
// Prints JSON lines {"bench","metric","value","unit","target","pass"} on stdout.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist/statistics/analyze.js');
if (!existsSync(dist)) {
  console.error('bench analysis: dist/ is missing; run `npx tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const { analyze } = await import(dist);
const { seededRandom } = await import(join(root, 'dist/statistics/rng.js'));

const ARMS = ['base', 'variant'];
const SEEDS_PER_ARM = 50;
const CHECKPOINTS = 40;
const PROMPTS = 500;
const CATEGORIES = 10;

const rnd = seededRandom(2026);
const difficulty = Array.from({ length: PROMPTS }, () => rnd() - 0.5);
const observations = [];
const genStart = performance.now();
for (const [a, arm] of ARMS.entries()) {
  for (let seed = 1; seed <= SEEDS_PER_ARM; seed++) {
    // two modes: wrapper learned or not
    const skill = 0.45 + 0.08 * a + (rnd() < 0.3 ? 0.25 : 0) + 0.05 * (rnd() - 0.5);
    for (let c = 1; c <= CHECKPOINTS; c++) {
      const step = c * 50;
      const progress = Math.min(1, c / 20);
      const valLoss = 2.5 * Math.exp(-c / 8) + 0.1 + 0.05 * rnd();
      for (let p = 0; p < PROMPTS; p++) {
        const q = skill * progress - difficulty[p] * 0.5 + 0.1 * (rnd() - 0.5);
        const u = rnd();
        const score = u < q - 0.15 ? 1 : u < q + 0.15 ? 0.5 : 0;
        observations.push({
          arm,
          seed,
          checkpoint: step,
          promptId: `p${String(p).padStart(3, '0')}`,
          category: `cat${p % CATEGORIES}`,
          score,
          failureClass: score === 1 ? 'none' : score === 0.5 ? 'no_wrapper' : 'no_tool_call',
          valLoss,
        });
      }
    }
  }
}
const genMs = performance.now() - genStart;
console.error(`bench analysis: generated ${observations.length} observations in ${(genMs / 1000).toFixed(1)} s`);

const t0 = performance.now();
const result = analyze(observations, {
  checkpoint: 'best-val',
  resamples: 10_000,
  rngSeed: 1,
  passThreshold: 1,
  baselines: [{ name: 'claim', claimed: 0.824, arm: 'base' }],
});
const seconds = (performance.now() - t0) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
const json = JSON.stringify(result);
console.error(
  `bench analysis: ${result.arms.length} arms, ${result.comparisons.length} comparison(s), ${result.checkpoints.length} checkpoint and ${result.correlation.length} correlation sections, ${result.per_prompt.length} per-prompt tables; JSON ${(json.length / 1e6).toFixed(1)} MB`,
);
console.error(result.headline.slice(0, 3).join('\n'));

const line = (metric, value, unit, target, pass, extra = {}) =>
  console.log(
    JSON.stringify({ bench: 'analysis', metric, value: Number(value.toFixed(3)), unit, target, pass, ...extra }),
  );
line('analysis_time', seconds, 's', '< 10', seconds < 10, {
  observations: observations.length,
  seeds: ARMS.length * SEEDS_PER_ARM,
  checkpoints: CHECKPOINTS,
  prompts: PROMPTS,
  resamples: 10_000,
});
line('peak_rss', peakMb, 'MB', '< 1536', peakMb < 1536, {
  includes: 'the 2,000,000 generated observations held in memory',
});
