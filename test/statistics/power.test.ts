import { describe, expect, it } from 'vitest';
import { ok } from './expect-ok.js';
import { detectableEffect, powerForArm, seedsPerArm, twoSampleTPower } from '../../src/statistics/power.js';

// Reference values: statsmodels 0.15.0 (scipy 1.17.1), `from statsmodels.stats.power import TTestIndPower`,
// P = TTestIndPower(). Each call is cited next to the values it produced.

describe('twoSampleTPower (noncentral t by integration)', () => {
  // P.power(effect_size=d, nobs1=n, alpha=0.05, ratio=1, alternative='two-sided'):
  // (n=10, d=1.0) 0.5620066465861491, (5, 2.0) 0.7905423779725714, (64, 0.5) 0.8014595579222542,
  // (3, 1.5) 0.2931947003055979, (2, 0.0) 0.050000000000000024
  // P.power(effect_size=1.2, nobs1=12, alpha=0.01, ratio=1, alternative='two-sided') = 0.55643822669717
  it('matches statsmodels TTestIndPower().power', () => {
    expect(twoSampleTPower(10, 1.0)).toBeCloseTo(0.5620066465861491, 7);
    expect(twoSampleTPower(5, 2.0)).toBeCloseTo(0.7905423779725714, 7);
    expect(twoSampleTPower(64, 0.5)).toBeCloseTo(0.8014595579222542, 7);
    expect(twoSampleTPower(3, 1.5)).toBeCloseTo(0.2931947003055979, 7);
    expect(twoSampleTPower(2, 0)).toBeCloseTo(0.05, 7);
    expect(twoSampleTPower(12, 1.2, 0.01)).toBeCloseTo(0.55643822669717, 7);
    expect(twoSampleTPower(10, -1.0)).toBeCloseTo(0.5620066465861491, 7); // two-sided: the sign of d does not matter
  });
});

describe('seedsPerArm', () => {
  // P.solve_power(effect_size=d, alpha=0.05, power=0.8, ratio=1, alternative='two-sided'), rounded up:
  // d = 0.5 → 63.76561058891169 → 64, 0.8 → 25.524571854446116 → 26, 1.0 → 16.714722446954024 → 17,
  // 1.5 → 8.060294283896704 → 9, 2.0 → 5.08999456823225 → 6, 3.0 → 3.070009095559428 → 4
  it('is statsmodels solve_power for nobs1, rounded up', () => {
    const table: [number, number][] = [
      [0.5, 64],
      [0.8, 26],
      [1.0, 17],
      [1.5, 9],
      [2.0, 6],
      [3.0, 4],
    ];
    for (const [d, n] of table) expect(ok(seedsPerArm(d))).toBe(n);
  });
  // P.solve_power(effect_size=1.0, alpha=0.01, power=0.9, ratio=1, alternative='two-sided') = 31.46244979337534 → 32
  it('honours alpha and power', () => {
    expect(ok(seedsPerArm(1.0, { alpha: 0.01, power: 0.9 }))).toBe(32);
  });
  it('is insufficient for a zero or non-finite difference', () => {
    expect(seedsPerArm(0)).toHaveProperty('status', 'insufficient');
    expect(seedsPerArm(Number.NaN)).toHaveProperty('status', 'insufficient');
  });
});

describe('detectableEffect', () => {
  // P.solve_power(nobs1=n, alpha=0.05, power=0.8, ratio=1, alternative='two-sided'):
  // n = 3 → 3.070892269599019, 5 → 2.024440145655355, 17 → 0.9910028984885264
  // P.solve_power(nobs1=10, alpha=0.01, power=0.9, ratio=1, alternative='two-sided') = 1.9050867222852146
  // 5 decimals: the power integral (Simpson, 1000 steps) is good to ~1e-7, which moves d by ~1e-6 at 5 seeds.
  it('is statsmodels solve_power for effect_size', () => {
    expect(ok(detectableEffect(3))).toBeCloseTo(3.070892269599019, 5);
    expect(ok(detectableEffect(5))).toBeCloseTo(2.024440145655355, 5);
    expect(ok(detectableEffect(17))).toBeCloseTo(0.9910028984885264, 5);
    expect(ok(detectableEffect(10, { alpha: 0.01, power: 0.9 }))).toBeCloseTo(1.9050867222852146, 5);
  });
  it('is insufficient below 2 seeds per arm', () => {
    expect(detectableEffect(1)).toHaveProperty('status', 'insufficient');
  });
});

describe('powerForArm', () => {
  // scores [0.3, 0.4, 0.5, 0.6, 0.7]: np.std(s, ddof=1) = 0.15811388300841894;
  // P.solve_power(nobs1=5, alpha=0.05, power=0.8, ratio=1, alternative='two-sided') * sd = 0.3200920923476974;
  // math.ceil(P.solve_power(effect_size=delta/sd, alpha=0.05, power=0.8, ratio=1, alternative='two-sided')) for
  // delta = 0.025 … 0.5: 629 (628.87), 158 (157.94), 71 (70.74), 41 (40.23), 19 (18.45), 11 (10.86), 8 (7.38),
  // 6 (5.51), 4 (3.71), 3 (2.92)
  it('matches statsmodels on the detectable difference and the seeds-needed curve', () => {
    const p = powerForArm('A', [0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(p.n_seeds).toBe(5);
    expect(ok(p.sd_between_seeds)).toBeCloseTo(0.15811388300841894, 14);
    expect(ok(p.detectable_difference)).toBeCloseTo(0.3200920923476974, 5);
    expect(p.curve.map((c) => c.delta)).toEqual([0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]);
    expect(p.curve.map((c) => ok(c.seeds_per_arm))).toEqual([629, 158, 71, 41, 19, 11, 8, 6, 4, 3]);
  });
  it('is insufficient when every seed scored the same', () => {
    const p = powerForArm('B', [0.5, 0.5, 0.5]);
    expect(p.sd_between_seeds).toHaveProperty('status', 'insufficient');
    expect(p.detectable_difference).toHaveProperty('status', 'insufficient');
    expect(p.curve[0]!.seeds_per_arm).toHaveProperty('status', 'insufficient');
  });
});
