#!/usr/bin/env node
// Bench: the comparability gate on a large eval. A claim with every category figure is checked
// against a 5,000-prompt suite in 50 categories, under the tool-call rubric (0/0.5/1) and under an
// uneven direct_score (0/0.37/1, whose grid has 100 steps per prompt). Target: < 1 s per claim, so
// `validate`, `analyze` and `reproduce` never wait on it.
import { performance } from 'node:perf_hooks';
import { checkClaimComparability } from '../../dist/statistics/claim-comparability.js';

const categories = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, 100]));
const claimed = Object.fromEntries(
  Object.keys(categories).map((c, i) => [c, { value: (i % 10) / 10, tolerance: 0.0005 }]),
);
const claim = { overall: { value: 0.45, tolerance: 0.0005 }, categories: claimed };

for (const [label, values] of [
  ['0/0.5/1', [0, 0.5, 1]],
  ['0/0.37/1', [0, 0.37, 1]],
]) {
  const times = [];
  let result;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    result = checkClaimComparability(claim, { categoryPrompts: categories, promptValues: values, valuesSource: label });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(
    JSON.stringify({
      bench: 'comparability',
      metric: `gate, 5,000 prompts in 50 categories, values ${label} (median of 5)`,
      value: +median.toFixed(1),
      unit: 'ms',
      target: '< 1000',
      pass: median < 1000 && result.checks.length === 51,
    }),
  );
}
