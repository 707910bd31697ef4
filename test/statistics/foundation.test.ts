import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  normalCdf,
  normalQuantile,
  tCdf,
  tCritical,
  tQuantile,
} from '../../src/statistics/distributions.js';
import { independentRandoms, randomInt, seededRandom } from '../../src/statistics/rng.js';
import { insufficient, isInsufficient, makeInterval } from '../../src/statistics/result.js';

describe('distributions (docs/references.md §2, §8, §14)', () => {
  // scipy.stats.t.ppf(0.975, df) — inspect_ai test_t_inv_cdf_known_values, asserted to rel 1e-9
  const table: Array<[number, number]> = [
    [1, 12.706204736432095],
    [2, 4.302652729911275],
    [4, 2.7764451051977987],
    [9, 2.2621571627409915],
    [10, 2.2281388519649385],
    [30, 2.0422724563012373],
    [1000, 1.9623390808264078],
  ];
  it.each(table)('t.ppf(0.975, %d)', (df, want) => {
    expect(Math.abs(tQuantile(0.975, df) / want - 1)).toBeLessThan(1e-9);
    expect(Math.abs(tCritical(0.95, df) / want - 1)).toBeLessThan(1e-9);
  });
  it('normal quantile and cdf', () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
  });
  it('t cdf: Welch sleep p-value', () => {
    // R: t.test(extra ~ group, data = sleep) → t = -1.8608134674868526, df = 17.776473516178488, p = 0.0793941401873583
    const p = 2 * tCdf(-1.8608134674868526, 17.776473516178488);
    expect(p).toBeCloseTo(0.0793941401873583, 12);
  });
  it('beta quantile: Clopper–Pearson 18/20', () => {
    // R binom::binom.confint(18, 20, method="exact") → [0.6830172859809176, 0.9876514728297052]
    expect(betaQuantile(0.025, 18, 3)).toBeCloseTo(0.6830172859809176, 12);
    expect(betaQuantile(0.975, 19, 2)).toBeCloseTo(0.9876514728297052, 12);
  });
});

describe('rng', () => {
  it('is deterministic per seed and in [0,1)', () => {
    const a = seededRandom(1),
      b = seededRandom(1),
      c = seededRandom(2);
    const xa = Array.from({ length: 1000 }, () => a());
    const xb = Array.from({ length: 1000 }, () => b());
    const xc = Array.from({ length: 1000 }, () => c());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    expect(xa.every((x) => x >= 0 && x < 1)).toBe(true);
    const m = xa.reduce((s, x) => s + x, 0) / xa.length;
    expect(Math.abs(m - 0.5)).toBeLessThan(0.05);
  });
  it('randomInt covers the range uniformly', () => {
    const r = seededRandom(7);
    const counts = new Array(5).fill(0) as number[];
    for (let i = 0; i < 50_000; i++) counts[randomInt(r, 5)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
  it('independent streams differ and are reproducible', () => {
    const [s1, s2] = independentRandoms(3, 2);
    const [t1] = independentRandoms(3, 1);
    const a = [s1!(), s1!()],
      b = [s2!(), s2!()],
      c = [t1!(), t1!()];
    expect(a).toEqual(c);
    expect(a).not.toEqual(b);
  });
});

describe('result helpers', () => {
  it('refuses zero-width and non-finite intervals', () => {
    expect(isInsufficient(makeInterval(1, 1, 't'))).toBe(true);
    expect(isInsufficient(makeInterval(Number.NaN, 1, 't'))).toBe(true);
    expect(makeInterval(0, 1, 't')).toEqual({ low: 0, high: 1, method: 't', level: 0.95 });
    expect(isInsufficient(insufficient('x'))).toBe(true);
    expect(isInsufficient(3)).toBe(false);
  });
});
