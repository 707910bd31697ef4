import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { planSequential } from '../../src/pipeline/sequential-plan.js';
import { sequentialSchema } from '../../src/study/sequential-schema.js';
import type { Study } from '../../src/study/study.js';
import { formatSequentialPlan } from '../../src/wording/sequential-plan.js';

// docs/sequential.md shows `seedstudy plan`'s design block for its compare example (seeds {count: 20}, d = 1,
// default futility): it must be what the plan prints.
it('docs/sequential.md shows the plan output its compare example produces', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/sequential.md', import.meta.url)), 'utf8');
  const block = /```\n(sequential design: compare variant[\s\S]*?)\n```/.exec(doc)?.[1];
  const study = {
    sequential: sequentialSchema.parse({
      question: 'compare',
      arms: ['variant', 'base'],
      looks: [5, 10, 15, 20],
      effect: { points: 14, sd: 14 },
      futility: {},
    }),
    analysis: { checkpoint: 'final', pass_threshold: 1, resamples: 10000, rng_seed: 1 },
    baselines: [],
    seeds: Array.from({ length: 20 }, (_, i) => i),
  } as unknown as Study;
  expect(block).toBe(formatSequentialPlan(planSequential(study)!).join('\n'));
});
