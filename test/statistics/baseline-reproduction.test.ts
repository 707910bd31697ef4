import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ok } from './expect-ok.js';
import {
  predictiveProbAtLeast,
  reproduceBaseline,
  reproductionVerdict,
  seedsNeededToDecide,
  REPRODUCTION_RULE,
} from '../../src/statistics/baseline-reproduction.js';
import { parseClaimedFigure } from '../../src/study/claimed-figure.js';
import { checkClaimComparability } from '../../src/statistics/claim-comparability.js';

/** The gate for one overall figure, printed as written, on P prompts scored 0/0.5/1 (claim prompt count optional). */
const checkComparability = (claimed: number, evalPromptCount: number, claimPromptCount?: number) =>
  checkClaimComparability(
    {
      overall: { value: claimed, tolerance: parseClaimedFigure(claimed).printedTolerance },
      promptCount: claimPromptCount,
    },
    { categoryPrompts: { all: evalPromptCount }, promptValues: [0, 0.5, 1], valuesSource: 'the 0/0.5/1 rubric' },
  );
const gate = (claimed: number, evalPromptCount: number) => checkComparability(claimed, evalPromptCount);
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Seeds with mean exactly 0.45 and sd exactly 0.10 (docs/references.md §23), as scipy 1.17.1 built them:
// x = 0.45 + 0.10*(np.arange(n)-(n-1)/2)/np.std(np.arange(n), ddof=1)
const spread = (n: number) => {
  const idx = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
  const sd = Math.sqrt(idx.reduce((a, b) => a + b * b, 0) / (n - 1));
  return idx.map((i) => 0.45 + (0.1 * i) / sd);
};

describe('reproduceBaseline: docs/references.md §23 worked numbers', () => {
  // scipy 1.17.1: q = t.ppf(0.975, n-1)*s*sqrt(1+1/n); PI = m ± q; P = t.sf((0.824-m)/(s*sqrt(1+1/n)), n-1)
  // n = 5: PI [0.14585567724167298, 0.7541443227583271], P = 0.013462393805782989
  // n = 10: PI [0.21274295517057565, 0.6872570448294244], P = 0.0030312721118752844
  it('S = 5, 45 ± 10 pp: PI [14.6, 75.4], P(new ≥ 82.4%) = 1.3%', () => {
    const b = reproduceBaseline(spread(5), {
      name: 'phase33b',
      claimed: 0.824,
      arm: 'A',
      comparability: gate(0.824, 27),
    });
    const pi = ok(b.pi95);
    expect(pi.low).toBeCloseTo(0.14585567724167298, 10);
    expect(pi.high).toBeCloseTo(0.7541443227583271, 10);
    expect(b.prob_at_least_t).toBeCloseTo(0.013462393805782989, 10);
    expect(b.in_pi95).toBe(false);
    expect(b.k_at_least).toBe(0);
    expect(b.rank_p).toBeCloseTo(1 / 6, 12);
    expect(b.percentile).toBe(100);
    // 82.4% is off the 27-prompt grid (docs/references.md §22): gated to not-comparable
    expect(b.comparability.passed).toBe(false);
    expect(b.verdict).toBe('not-comparable');
    expect(b.statistical_verdict).toBe('inconclusive');
    // with k = 0 the rank test needs 19 seeds; with π = 1.3% from the t fit, round(π·N) stays 0 up to N = 19
    expect(b.seeds_needed).toBe(19);
  });
  it('S = 10: PI [21.3, 68.7], P = 0.30%', () => {
    expect(predictiveProbAtLeast(spread(10), 0.824)).toBeCloseTo(0.0030312721118752844, 10);
    const b = reproduceBaseline(spread(10), { name: 'x', claimed: 0.824, arm: 'A', comparability: gate(0.824, 27) });
    expect(ok(b.pi95).low).toBeCloseTo(0.21274295517057565, 10);
  });
  it('an on-grid claim gets the statistical verdict', () => {
    const seeds = Array.from({ length: 19 }, (_, i) => 0.3 + i * 0.01);
    const b = reproduceBaseline(seeds, { name: 'x', claimed: 45 / 54, arm: 'A', comparability: gate(45 / 54, 27) });
    expect(b.comparability.passed).toBe(true);
    expect(b.verdict).toBe('does-not-reproduce');
    expect(b.rank_p).toBeCloseTo(0.05, 12);
    const met = reproduceBaseline([0.4, 0.45, 0.5, 0.42], {
      name: 'y',
      claimed: 21 / 54,
      arm: 'A',
      comparability: gate(21 / 54, 27),
    });
    expect(met.verdict).toBe('reproduces');
  });
});

describe('the claim as the score it stands for (comparability.effective)', () => {
  it("19 seeds all scoring exactly the claimed run's 21/54 reach a claim printed as 38.9%", () => {
    const seeds = Array.from({ length: 19 }, () => 21 / 54);
    const b = reproduceBaseline(seeds, { name: 'x', claimed: 0.389, arm: 'A', comparability: gate(0.389, 27) });
    expect(b.claimed).toBe(0.389);
    expect(b.claimed_effective).toBeCloseTo(21 / 54, 15);
    expect(b.k_at_least).toBe(19);
    expect(b.percentile).toBe(50); // ties count ½
    expect(b.verdict).toBe('reproduces');
  });
  it('a failed gate leaves the claim as printed', () => {
    const b = reproduceBaseline([0.4, 0.5], { name: 'x', claimed: 0.824, arm: 'A', comparability: gate(0.824, 27) });
    expect(b.claimed_effective).toBe(0.824);
  });
});

describe('reproductionVerdict rule', () => {
  // scipy 1.17.1: beta.ppf(0.05, 2, 4) = 0.07644039141232889 (one-sided CP lower bound for 2/5),
  // beta.ppf(0.05, 1, 5) = 0.010206218313011496 (1/5)
  it('follows the written thresholds', () => {
    expect(reproductionVerdict(2, 5).verdict).toBe('reproduces');
    expect(reproductionVerdict(1, 5).verdict).toBe('inconclusive');
    expect(reproductionVerdict(0, 18).verdict).toBe('inconclusive');
    expect(reproductionVerdict(0, 19).verdict).toBe('does-not-reproduce');
    expect(reproductionVerdict(3, 3).verdict).toBe('reproduces');
    expect(reproductionVerdict(1, 1).verdict).toBe('inconclusive');
    expect(REPRODUCTION_RULE).toContain('(k+1)/(n+1) <= 0.05');
  });
  it('never decides both ways; more seeds never un-decide a fixed fraction far from the boundary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const v = reproductionVerdict(k, n).verdict;
        if (v === 'does-not-reproduce') expect((k + 1) / (n + 1)).toBeLessThanOrEqual(0.05 + 1e-12);
      }),
    );
    expect(seedsNeededToDecide(0, 5)).toBe(19);
    expect(seedsNeededToDecide(0.5, 2)).toBe(3);
  });
});

describe('comparability gate (docs/references.md §22)', () => {
  it('82.4% with 27 prompts is off grid; 38.9% and 10.5/27 are on it', () => {
    const c = checkComparability(0.824, 27);
    expect(c.passed).toBe(false);
    expect(c.nearest![0]).toBeCloseTo(44 / 54, 12);
    expect(c.nearest![1]).toBeCloseTo(45 / 54, 12);
    expect(checkComparability(0.389, 27).passed).toBe(true);
    expect(checkComparability(10.5 / 27, 27).passed).toBe(true);
    expect(checkComparability(0.185, 27).passed).toBe(true);
    expect(checkComparability(0.5, 27, 30).passed).toBe(false);
    // The printed precision sets the tolerance: half a unit of the last digit, and a number (whose trailing
    // zeros YAML/JSON drop) never coarser than ±0.5 points; a string keeps its zeros.
    expect(parseClaimedFigure(0.824).printedTolerance).toBeCloseTo(0.0005, 15);
    expect(parseClaimedFigure(1e-7).printedTolerance).toBeCloseTo(5e-8, 20);
    expect(parseClaimedFigure(0.8).printedTolerance).toBe(0.005);
    expect(parseClaimedFigure(1).printedTolerance).toBe(0.005);
    expect(parseClaimedFigure('0.80').printedTolerance).toBeCloseTo(0.005, 15);
    expect(parseClaimedFigure('0.8').printedTolerance).toBeCloseTo(0.05, 15);
    expect(parseClaimedFigure('82.4%')).toEqual({ value: 0.824, printedTolerance: 0.0005, text: '82.4%' });
    expect(parseClaimedFigure('100%').printedTolerance).toBeCloseTo(0.005, 15);
  });
});

describe('the written rule', () => {
  it('docs/statistics.md quotes REPRODUCTION_RULE verbatim', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/statistics.md'), 'utf8');
    expect(doc).toContain(`> ${REPRODUCTION_RULE}`);
  });
});

describe('reproduceBaseline invariants', () => {
  const grid = fc.array(
    fc.integer({ min: 0, max: 54 }).map((k) => k / 54),
    { minLength: 2, maxLength: 25 },
  );
  it('order of seeds does not matter; intervals contain their estimates; the t-fit probability falls as the claim rises', () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 0, max: 54 }), (seeds, k) => {
        const input = { name: 'c', claimed: k / 54, arm: 'A', comparability: gate(k / 54, 27) };
        const a = reproduceBaseline(seeds, input);
        const b = reproduceBaseline([...seeds].reverse(), input);
        for (const key of ['verdict', 'k_at_least', 'percentile', 'rank_p'] as const) expect(b[key]).toEqual(a[key]);
        if (typeof a.prob_at_least_t === 'number') expect(b.prob_at_least_t).toBeCloseTo(a.prob_at_least_t, 10); // summation order
        const ci = a.prob_at_least.ci95;
        if (!('status' in ci)) {
          expect(ci.low).toBeLessThanOrEqual(a.prob_at_least.estimate as number);
          expect(ci.high).toBeGreaterThanOrEqual(a.prob_at_least.estimate as number);
        }
        const higher = predictiveProbAtLeast(seeds, (k + 1) / 54);
        if (typeof a.prob_at_least_t === 'number' && typeof higher === 'number')
          expect(higher).toBeLessThanOrEqual(a.prob_at_least_t + 1e-12);
        expect(a.verdict === 'not-comparable').toBe(!a.comparability.passed);
      }),
      { numRuns: 150 },
    );
  });
});
