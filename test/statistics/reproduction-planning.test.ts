import { describe, expect, it } from 'vitest';
import {
  probabilityOfDecision,
  reproductionPlan,
  seedsForDecision,
  seedsToShowReliability,
} from '../../src/statistics/reproduction-planning.js';

describe('reproduction planning', () => {
  it('P(decision) is an exact binomial sum over the rule (references: Python 3 math.comb, exact sums)', () => {
    // n = 5, π = 0.5: the rule says "reproduces" from k = 2 (lower bound 0.0764 ≥ 0.05;
    // beta.ppf(0.05, 2, 4) = 0.07644039141232889 in scipy 1.17.1, as cited in baseline-reproduction.test.ts) and never
    // "does-not-reproduce" ((0+1)/6 > 0.05), so P = binom.sf(1, 5, 0.5) = 0.8125.
    expect(probabilityOfDecision(5, 0.5)).toBeCloseTo(0.8125, 12);
    // n = 4: k ≥ 2 decides (lower bound 0.0976), P = binom.sf(1, 4, 0.5) = 0.6875 < 0.8, so 5 seeds are needed.
    expect(probabilityOfDecision(4, 0.5)).toBeCloseTo(0.6875, 12);
    expect(seedsForDecision(0.5)).toBe(5);
    // π = 0: only "does-not-reproduce" can decide, and only from n = 19 ((0+1)/20 = 0.05).
    expect(probabilityOfDecision(18, 0)).toBe(0);
    expect(probabilityOfDecision(19, 0)).toBe(1);
    expect(seedsForDecision(0)).toBe(19);
    // n = 20, π = 0.1: decides when k = 0 (rank p 1/21 ≤ 0.05) or k ≥ 4: the Clopper–Pearson lower bound is
    // 0.04217 for k = 3 (< 0.05) and 0.07135 for k = 4 (bisection on P(Bin(20, x) ≥ k) = 0.05).
    // P = pmf(0) + P(K ≥ 4) = 0.12157665459056935 + 0.13295332343433516 = 0.2545299780249045.
    expect(probabilityOfDecision(20, 0.1)).toBeCloseTo(0.2545299780249045, 12);
  });
  it('near the 1-in-20 boundary no practical number of seeds decides', () => {
    expect(seedsForDecision(0.05)).toMatchObject({ status: 'insufficient' });
  });
  it('reliability: all n seeds reaching the claim show P ≥ r when r^n ≤ 0.05 (0.8^14 = 0.044, 0.8^13 = 0.055)', () => {
    expect(seedsToShowReliability(0.5)).toBe(5); // 0.5^5 = 0.031, 0.5^4 = 0.0625
    expect(seedsToShowReliability(0.8)).toBe(14);
    expect(seedsToShowReliability(0.9)).toBe(29); // 0.9^29 = 0.047, 0.9^28 = 0.052
    const plan = reproductionPlan();
    expect(plan.reliability.map((r) => r.seeds)).toEqual([5, 14, 29]);
    expect(plan.decision.find((d) => d.pi === 0)!.seeds).toBe(19);
  });
  it('the planned n keeps the 80% chance at every larger n (the chance zig-zags: π = 0.25 reaches 0.80 at 16, drops to 0.65 at 17)', () => {
    expect(probabilityOfDecision(16, 0.25)).toBeGreaterThanOrEqual(0.8);
    expect(probabilityOfDecision(17, 0.25)).toBeLessThan(0.7);
    expect(probabilityOfDecision(20, 0.25)).toBeLessThan(0.8);
    expect(seedsForDecision(0.25)).toBe(21);
    for (const pi of [0, 0.25, 0.5, 0.75, 1]) {
      const from = seedsForDecision(pi) as number;
      expect(probabilityOfDecision(from - 1, pi)).toBeLessThan(0.8);
      for (let n = from; n <= 200; n++) expect(probabilityOfDecision(n, pi)).toBeGreaterThanOrEqual(0.8);
    }
  });
});
