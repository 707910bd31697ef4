import { describe, expect, it } from 'vitest';
import { compareLook } from '../../../src/statistics/sequential/compare-look.js';
import { comparePlan } from '../../../src/statistics/sequential/compare-plan.js';
import { binomialDesign } from '../../../src/statistics/sequential/binomial-design.js';
import { reproduceLook } from '../../../src/statistics/sequential/reproduce-look.js';
import { welchTTest } from '../../../src/statistics/welch.js';

const plan = comparePlan({
  looks: [5, 10, 15, 20],
  alpha: 0.05,
  spending: { kind: 'obrien-fleming' },
  power: 0.9,
  effectD: 1,
  futility: { kind: 'obrien-fleming' },
});
const base = { design: plan.design, plannedMaxSeeds: 20, earlier: [] };
const high = [0.9, 0.92, 0.95, 0.91, 0.93];
const low = [0.2, 0.22, 0.25, 0.21, 0.24];

describe('compareLook', () => {
  it('stops at look 1 on an overwhelming difference; at a first look the adjusted numbers are Welch’s own', () => {
    const r = compareLook({ ...base, scoresA: high, scoresB: low });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.decision).toBe('stop-efficacy');
    const w = welchTTest(high, low);
    if (w.status !== 'ok') throw new Error(w.reason);
    // Stage-wise ordering at the first look has nothing earlier: p, estimate and interval are the look's.
    expect(r.inference!.adjustedP).toBeCloseTo(w.p, 9);
    expect(r.inference!.estimate).toBeCloseTo(w.diff, 9);
    expect(r.inference!.interval.low).toBeCloseTo(w.ci.low, 6);
    expect(r.inference!.interval.high).toBeCloseTo(w.ci.high, 6);
    expect(r.inference!.repeatedInterval.low).toBeLessThan(w.ci.low);
  });

  it('continues on an unclear difference and recomputes the boundary when a seed failed', () => {
    const a = [0.5, 0.6, 0.55, 0.7, 0.62, 0.58, 0.66, 0.52, 0.61, 0.64];
    const b = [0.5, 0.55, 0.6, 0.52, 0.57, 0.49, 0.63, 0.54, 0.56];
    const r = compareLook({ ...base, earlier: [{ seedsA: 5, seedsB: 5 }], scoresA: a, scoresB: b });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(r.boundary.recomputed).toBe(true);
    expect(r.boundary.informationFraction).toBeCloseTo((2 * 10 * 9) / 19 / 20, 12);
    expect(r.decision).toBe('continue');
    expect(r.inference).toBeUndefined();
  });

  it('stops for futility when the first arm is behind', () => {
    const r = compareLook({
      ...base,
      earlier: [{ seedsA: 5, seedsB: 5 }],
      scoresA: [0.5, 0.45, 0.52, 0.48, 0.5, 0.47, 0.49, 0.51, 0.46, 0.5],
      scoresB: [0.6, 0.58, 0.62, 0.59, 0.61, 0.57, 0.63, 0.6, 0.55, 0.62],
    });
    if (r.status !== 'ok') throw new Error(r.reason);
    expect(['stop-futility', 'stop-efficacy']).toContain(r.decision);
    expect(r.statistic.z).toBeLessThan(0);
  });

  it('is insufficient with one seed in an arm', () => {
    expect(compareLook({ ...base, scoresA: [0.5], scoresB: [0.4, 0.6] }).status).toBe('insufficient');
  });
});

describe('reproduceLook', () => {
  const design = binomialDesign({ looks: [2, 4, 6, 8, 10], p0: 0.5, p1: 0.1, alpha: 0.05, beta: 0.1 });
  it('six straight misses stop "not reproducible" with an interval starting at 0', () => {
    const look = design.looks.findIndex((l) => l.notReproducibleAtMost >= 0) + 1;
    const r = reproduceLook(design, look, 0);
    expect(r.decision).toBe('stop-not-reproducible');
    expect(r.interval!.low).toBe(0);
    expect(r.interval!.high).toBeGreaterThan(0);
    expect(r.interval!.high).toBeLessThan(0.6);
  });
  it('continues between the bounds and rejects impossible hit counts', () => {
    expect(reproduceLook(design, 1, 1).decision).toBe('continue');
    expect(() => reproduceLook(design, 1, 3)).toThrow(RangeError);
  });
});

describe('binomialDesign', () => {
  it('never trades α for β: with too few looks it keeps α and says the targets are not met', () => {
    // A fixed 10-run test at α = 0.05 rejects at ≤ 1 hit: β = P(Bin(10, 0.1) ≥ 2) = 0.264 (R: 1 - pbinom(1, 10, 0.1)).
    const d = binomialDesign({ looks: [2, 4, 6, 8, 10], p0: 0.5, p1: 0.1, alpha: 0.05, beta: 0.05 });
    expect(d.alphaAttained).toBeLessThanOrEqual(0.05);
    expect(d.meetsTargets).toBe(false);
    expect(d.betaAttained).toBeGreaterThan(0.05);
    expect(d.betaAttained).toBeLessThanOrEqual(0.2639010709);
  });
});
