import { describe, expect, it } from 'vitest';
import { informationFraction, welchLook } from '../../../src/statistics/sequential/welch-look.js';
import { decideLook, lookBoundary } from '../../../src/statistics/sequential/look-boundary.js';
import { groupSequentialDesign } from '../../../src/statistics/sequential/design.js';
import { repeatedConfidenceInterval } from '../../../src/statistics/sequential/stagewise-inference.js';

const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('welchLook', () => {
  // R: tt <- t.test(sleep1, sleep2); qnorm(pt(tt$statistic, tt$parameter)) = -1.7542122778763
  //    (t = -1.86081346748685, df = 17.7764735161785, p = 0.0793941401873582)
  it('maps Welch t to z through the t cdf and the normal quantile', () => {
    const w = welchLook(sleep1, sleep2);
    if (w.status !== 'ok') throw new Error(w.reason);
    expect(w.z).toBeCloseTo(-1.7542122778763, 10);
    expect(w.p).toBeCloseTo(0.0793941401873582, 12);
    expect(w.seedsA).toBe(10);
  });
  it('keeps a huge t finite and signed', () => {
    const w = welchLook([0.9, 0.91, 0.92, 0.9, 0.91], [0.1, 0.11, 0.1, 0.12, 0.1]);
    if (w.status !== 'ok') throw new Error(w.reason);
    expect(Number.isFinite(w.z)).toBe(true);
    expect(w.z).toBeGreaterThan(5);
  });
  it('is insufficient with one seed in an arm', () => {
    expect(welchLook([0.5], [0.4, 0.6]).status).toBe('insufficient');
  });
});

describe('informationFraction', () => {
  it('uses the harmonic mean of the arms: 10 and 9 seeds of a planned 20 is 0.4737', () => {
    // 2·10·9/19 = 9.4737 effective seeds per arm
    expect(informationFraction(10, 9, 20)).toBeCloseTo(9.473684210526315 / 20, 14);
    expect(informationFraction(5, 5, 20)).toBe(0.25);
  });
});

describe('lookBoundary and decideLook', () => {
  const design = groupSequentialDesign({
    informationRates: [0.25, 0.5, 0.75, 1],
    alpha: 0.05,
    sided: 2,
    spending: { kind: 'obrien-fleming' },
    futility: { beta: 0.1, spending: { kind: 'obrien-fleming' } },
  });
  it('equals the planned boundary when the look has the planned information', () => {
    const b = lookBoundary(design, [0.25, 0.5], false);
    expect(b.recomputed).toBe(false);
    expect(b.efficacyZ).toBeCloseTo(design.criticalValues[1]!, 9);
    expect(b.futilityZ).toBe(design.futilityBounds[1]);
  });
  it('spends all of α at a final look that comes early', () => {
    const b = lookBoundary(design, [0.25, 0.5, 0.7], true);
    expect(b.final).toBe(true);
    expect(b.recomputed).toBe(true);
    expect(b.alphaSpent).toBeCloseTo(0.05, 9);
    expect(b.futilityZ).toBeNull();
  });
  it('decides efficacy, futility, continue and max', () => {
    const b2 = lookBoundary(design, [0.25, 0.5], false);
    expect(decideLook(b2, 3.5)).toBe('stop-efficacy');
    expect(decideLook(b2, -3.5)).toBe('stop-efficacy');
    expect(decideLook(b2, 0.1)).toBe('stop-futility');
    expect(decideLook(b2, 1.5)).toBe('continue');
    expect(decideLook(lookBoundary(design, [0.25, 0.5, 0.75, 1], true), 1.5)).toBe('stop-max');
  });
  it('the repeated CI is diff ± t quantile at the look’s nominal level × se', () => {
    const b = lookBoundary(design, [0.25, 0.5], false);
    const ci = repeatedConfidenceInterval(1, 0.3, 17.776, b.efficacyP, 0.05);
    // R: qt(1 - 0.0030452634571152/2, 17.776) = 3.4277254036
    expect(ci.low).toBeCloseTo(1 - 3.4277254036 * 0.3, 8);
    expect(ci.high).toBeCloseTo(1 + 3.4277254036 * 0.3, 8);
    expect(ci.level).toBe(0.95);
  });
});
