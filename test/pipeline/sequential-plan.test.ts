import { describe, expect, it } from 'vitest';
import { planSequential } from '../../src/pipeline/sequential-plan.js';
import { sequentialDesignHash } from '../../src/plan/sequential-design-hash.js';
import { sequentialSchema } from '../../src/study/sequential-schema.js';
import type { Study } from '../../src/study/study.js';
import { formatSequentialPlan } from '../../src/wording/sequential-plan.js';

function study(sequential: unknown, extra: Partial<Study> = {}): Study {
  return {
    sequential: sequentialSchema.parse(sequential),
    analysis: { checkpoint: 'final', pass_threshold: 1, resamples: 10000, rng_seed: 1 },
    baselines: [{ name: 'phase43', claimed: 0.824, repeats: 1 }],
    seeds: Array.from({ length: 20 }, (_, i) => i),
    ...extra,
  } as unknown as Study;
}

const compare = {
  question: 'compare',
  arms: ['variant', 'base'],
  looks: [5, 10, 15, 20],
  effect: { points: 14, sd: 14 },
  futility: { sides: 'two' },
};

describe('planSequential', () => {
  it('prints the compare design: boundaries, α spent, expected seeds and the fixed comparison', () => {
    const plan = planSequential(study(compare))!;
    const text = formatSequentialPlan(plan).join('\n');
    // Boundaries as rpact gives them for K = 4, two-sided α = 0.05, asOF / bsOF (rpact-designs.jsonl).
    expect(text).toContain('4.333');
    expect(text).toContain('2.963');
    expect(text).toContain('0.373');
    expect(text).toMatch(/at most 20 seeds per arm/);
    expect(text).toMatch(/fixed design of the same planned power needs 23/);
    expect(plan.question).toBe('compare');
  });

  it('prints the reproduce design with exact expected runs', () => {
    const plan = planSequential(
      study({ question: 'reproduce', baseline: 'phase43', looks: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20] }),
    )!;
    const text = formatSequentialPlan(plan).join('\n');
    expect(text).toContain('if 0% of runs reach the claim: 6.0 runs expected (fixed design: 20)');
    expect(text).toContain('exact error rates');
  });

  it('is undefined for a fixed design', () => {
    expect(planSequential({ ...study(compare), sequential: undefined })).toBeUndefined();
  });
});

describe('sequentialDesignHash', () => {
  it('changes with the design, the decision checkpoint and the seeds of a look, not with key order', () => {
    const base = sequentialDesignHash(study(compare))!;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(sequentialDesignHash(study({ ...compare, alpha: 0.01 }))).not.toBe(base);
    const { futility, ...rest } = compare;
    expect(sequentialDesignHash(study({ futility, ...rest }))).toBe(base);
    const s = study(compare);
    expect(sequentialDesignHash({ ...s, analysis: { ...s.analysis, checkpoint: 'best-val' } })).not.toBe(base);
    expect(sequentialDesignHash({ ...s, seeds: [99, ...s.seeds.slice(1)] })).not.toBe(base);
    // Seeds beyond the last look are not part of any look.
    expect(sequentialDesignHash({ ...s, seeds: [...s.seeds, 100] })).toBe(base);
  });
});
