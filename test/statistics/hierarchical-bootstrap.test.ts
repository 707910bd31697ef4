import { describe, expect, it } from 'vitest';
import {
  hierarchicalBootstrapDifference,
  hierarchicalBootstrapMean,
  twoLevelReplicates,
} from '../../src/statistics/hierarchical-bootstrap.js';
import { effectiveDf, matrixMean, type ScoreMatrix } from '../../src/statistics/score-matrix.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { randomNormal, seededRandom } from '../../src/statistics/rng.js';
import { bootstrapReplicates, meanStatistic } from '../../src/statistics/bootstrap.js';

function simulate(S: number, P: number, seed: number, sdSeed = 0.1, sdPrompt = 0.15, sdRes = 0.2): ScoreMatrix {
  const r = seededRandom(seed);
  const a = Array.from({ length: S }, () => randomNormal(r, 0, sdSeed));
  const b = Array.from({ length: P }, () => randomNormal(r, 0, sdPrompt));
  const values = new Float64Array(S * P);
  for (let s = 0; s < S; s++)
    for (let p = 0; p < P; p++) values[s * P + p] = 0.5 + a[s]! + b[p]! + randomNormal(r, 0, sdRes);
  return { seeds: S, prompts: P, values };
}
const variance = (x: Float64Array) => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
};

describe('two-level (crossed) bootstrap', () => {
  it('matches the pigeonhole variance formula: Var* ≈ V_rows·(S−1)/S + V_cols·(P−1)/P (no strata)', () => {
    const m = simulate(10, 40, 3);
    const [reps] = twoLevelReplicates([m], { random: seededRandom(1), resamples: 20_000 });
    const rows = new Float64Array(10),
      cols = new Float64Array(40);
    for (let s = 0; s < 10; s++)
      for (let p = 0; p < 40; p++) {
        rows[s]! += m.values[s * 40 + p]! / 40;
        cols[p]! += m.values[s * 40 + p]! / 10;
      }
    // Owen (2007) pigeonhole bootstrap: E*[var] = σ̂²_row/S + σ̂²_col/P − σ̂²_cell/(SP) with plug-in (÷n) variances;
    // to first order var(row means)·(S−1)/S² + var(col means)·(P−1)/P².
    const approx = (variance(rows) * 9) / 100 + (variance(cols) * 39) / 1600;
    expect(Math.abs(variance(reps!) / approx - 1)).toBeLessThan(0.1);
  });
  it("'seeds' design equals the whole-seed bootstrap of row means (same RNG stream)", () => {
    const m = simulate(6, 27, 4);
    const [reps] = twoLevelReplicates([m], { random: seededRandom(2), resamples: 500, design: 'seeds' });
    const rows = Array.from(
      { length: 6 },
      (_, s) => m.values.slice(s * 27, s * 27 + 27).reduce((t, v) => t + v, 0) / 27,
    );
    const ref = bootstrapReplicates(rows, meanStatistic, 500, seededRandom(2));
    for (let i = 0; i < 500; i++) expect(Math.abs(reps![i]! - ref[i]!)).toBeLessThan(1e-12);
  });
  it('stratification keeps category weights fixed: a one-prompt category never varies', () => {
    // Only prompt 0 differs between seeds; it is alone in its stratum, so the prompt draw cannot drop it.
    const S = 4,
      P = 5;
    const values = new Float64Array(S * P).fill(0.5);
    for (let s = 0; s < S; s++) values[s * P] = s / 4;
    const [reps] = twoLevelReplicates([{ seeds: S, prompts: P, values }], {
      random: seededRandom(5),
      resamples: 2000,
      strata: [0, 1, 1, 1, 1],
    });
    const seedOnly = twoLevelReplicates([{ seeds: S, prompts: P, values }], {
      random: seededRandom(5),
      resamples: 2000,
      design: 'seeds',
    })[0]!;
    expect(Math.abs(variance(reps!) / variance(seedOnly) - 1)).toBeLessThan(0.15);
  });
  it('interval contains the mean, is labelled, reproducible, and insufficient with < 2 seeds', () => {
    const m = simulate(8, 27, 6);
    const opts = { random: seededRandom(1), resamples: 2000 };
    const h = unwrap(hierarchicalBootstrapMean(m, opts));
    expect(h.low).toBeLessThan(matrixMean(m));
    expect(h.high).toBeGreaterThan(matrixMean(m));
    expect(h.label).toBe('over seeds and prompts');
    expect(h).toEqual(unwrap(hierarchicalBootstrapMean(m, { random: seededRandom(1), resamples: 2000 })));
    expect(
      isInsufficient(hierarchicalBootstrapMean({ seeds: 1, prompts: 27, values: m.values.slice(0, 27) }, opts)),
    ).toBe(true);
    expect(
      isInsufficient(hierarchicalBootstrapMean({ seeds: 3, prompts: 2, values: new Float64Array(6).fill(1) }, opts)),
    ).toBe(true);
    // crossed is wider than prompts-fixed when prompts vary
    const fixed = unwrap(hierarchicalBootstrapMean(m, { random: seededRandom(1), resamples: 2000, design: 'seeds' }));
    expect(h.high - h.low).toBeGreaterThan(fixed.high - fixed.low);
    expect(effectiveDf(m, undefined, 'seeds')).toBe(7);
    expect(h.df).toBeGreaterThanOrEqual(7);
  });
  it('difference: shared prompt draws cancel the prompt effect between arms', () => {
    const a = simulate(8, 27, 7);
    const b: ScoreMatrix = { ...a, values: a.values.map((v) => v - 0.1) }; // same seeds and prompts, shifted
    const d = unwrap(hierarchicalBootstrapDifference(a, b, { random: seededRandom(3), resamples: 1000 }));
    expect(d.estimate).toBeCloseTo(0.1, 12);
    // seeds are drawn independently per arm, so only seed variation remains (prompts cancel)
    const single = unwrap(hierarchicalBootstrapMean(a, { random: seededRandom(3), resamples: 1000 }));
    expect(d.high - d.low).toBeLessThan(2 * (single.high - single.low));
  });
  it('handles the bench size: 10,000 stratified resamples on 100 seeds × 500 prompts (speed: npm run bench)', () => {
    const m = simulate(100, 500, 8);
    const strata = Array.from({ length: 500 }, (_, i) => i % 7);
    const h = unwrap(hierarchicalBootstrapMean(m, { random: seededRandom(1), resamples: 10_000, strata }));
    expect(h.resamples).toBe(10_000);
    const mean = matrixMean(m);
    expect(h.low).toBeLessThan(mean);
    expect(h.high).toBeGreaterThan(mean);
  });
});
