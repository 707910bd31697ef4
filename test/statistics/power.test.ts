import { describe, expect, it } from 'vitest';
import { ok } from './expect-ok.js';
import { detectableEffect, powerForArm, seedsPerArm, twoSampleTPower } from '../../src/statistics/power.js';

describe('twoSampleTPower (noncentral t by integration)', () => {
  // scipy 1.17.1: df = 2n-2; nc = d*sqrt(n/2); tc = t.ppf(0.975, df);
  //   power = nct.sf(tc, df, nc) + nct.cdf(-tc, df, nc)
  // power(10, 1.0) = 0.5620066465861494, power(5, 2.0) = 0.7905423779725717, power(64, 0.5) = 0.8014595579222541
  it('matches scipy nct', () => {
    expect(twoSampleTPower(10, 1.0)).toBeCloseTo(0.5620066465861494, 7);
    expect(twoSampleTPower(5, 2.0)).toBeCloseTo(0.7905423779725717, 7);
    expect(twoSampleTPower(64, 0.5)).toBeCloseTo(0.8014595579222541, 7);
    expect(twoSampleTPower(2, 0)).toBeCloseTo(0.05, 7);
  });
  // docs/references.md §19 table (exact noncentral t, two-sided α = 0.05, power 0.8), from the scipy loop above:
  // d = 0.5 → 64, 0.8 → 26, 1.0 → 17, 1.5 → 9, 2.0 → 6, 3.0 → 4
  it('reproduces the docs/references.md §19 seeds-per-arm table', () => {
    const table: [number, number][] = [[0.5, 64], [0.8, 26], [1.0, 17], [1.5, 9], [2.0, 6], [3.0, 4]];
    for (const [d, n] of table) expect(ok(seedsPerArm(d))).toBe(n);
  });
  it('detectable effect inverts the power function', () => {
    const d = ok(detectableEffect(17));
    expect(d).toBeLessThan(1.0);
    expect(twoSampleTPower(17, d)).toBeCloseTo(0.8, 6);
    expect(detectableEffect(1)).toHaveProperty('status', 'insufficient');
    expect(seedsPerArm(0)).toHaveProperty('status', 'insufficient');
  });
  it('powerForArm scales Δ by the between-seed sd', () => {
    const p = powerForArm('A', [0.3, 0.4, 0.5, 0.6, 0.7]);
    const sd = ok(p.sd_between_seeds);
    expect(p.detectable_difference).toBeCloseTo(ok(detectableEffect(5)) * sd, 9);
    const c = p.curve.find((x) => x.delta === 0.1)!;
    expect(c.seeds_per_arm).toBe(ok(seedsPerArm(0.1 / sd)));
    expect(powerForArm('B', [0.5, 0.5, 0.5]).curve[0]!.seeds_per_arm).toHaveProperty('status', 'insufficient');
  });
});
