import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hierarchicalBootstrapMean } from '../../src/statistics/hierarchical-bootstrap.js';
import { effectiveDf, matrixMean } from '../../src/statistics/score-matrix.js';
import { generationNoise, planningVariance, varianceComponents } from '../../src/statistics/variance-components.js';
import { varianceComponentsBootstrap } from '../../src/statistics/variance-components-bootstrap.js';
import { isInsufficient, unwrap } from '../../src/statistics/result.js';
import { randomNormal, seededRandom, shuffled } from '../../src/statistics/rng.js';

const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);
const Y = [
  [0.5, 1, 0, 0.5, 1],
  [1, 1, 0.5, 0.5, 1],
  [0, 0.5, 0, 0, 0.5],
  [0.5, 1, 0.5, 0, 1],
];
const matrix = (rows: number[][]) => ({
  seeds: rows.length,
  prompts: rows[0]!.length,
  values: Float64Array.from(rows.flat()),
});

describe('variance components (two-way random-effects ANOVA, docs/references.md §7)', () => {
  it('mean squares match statsmodels', () => {
    // statsmodels: anova_lm(smf.ols('y ~ C(seed) + C(prompt)', df).fit()) on Y (long format)
    // → mean_sq C(seed) 0.316667, C(prompt) 0.393750, Residual 0.035417
    const c = unwrap(varianceComponents(matrix(Y)));
    close(c.msSeed, 0.95 / 3, 1e-12);
    close(c.msPrompt, 1.575 / 4, 1e-12);
    close(c.msResidual, 0.425 / 12, 1e-12);
    close(c.seed, (0.95 / 3 - 0.425 / 12) / 5, 1e-12);
    close(c.prompt, (1.575 / 4 - 0.425 / 12) / 4, 1e-12);
    close(c.shares.seed + c.shares.prompt + c.shares.interaction + c.shares.generation, 1, 1e-12);
    expect(c.generation).toBeNull();
    expect(c.truncated).toEqual([]);
  });
  it('with repeats: decoding noise and interaction match statsmodels', () => {
    // 3 seeds × 4 prompts × 2 repeats; statsmodels anova_lm(ols('y ~ C(seed) * C(prompt)')) →
    // mean_sq seed 0.375, prompt 0.138889, seed:prompt 0.263889, Residual 0.0625
    const Z = [
      [
        [0.5, 1],
        [1, 1],
        [0, 0.5],
        [0.5, 0.5],
      ],
      [
        [1, 1],
        [0.5, 0],
        [0.5, 0.5],
        [1, 0.5],
      ],
      [
        [0, 0],
        [0.5, 1],
        [0, 0.5],
        [0, 0],
      ],
    ];
    const gen = unwrap(generationNoise(Z.flat()));
    close(gen.variance, 0.0625, 1e-12);
    expect(gen.repeatsPerCell).toBe(2);
    const means = Z.map((r) => r.map((c) => (c[0]! + c[1]!) / 2));
    const c = unwrap(varianceComponents(matrix(means), gen));
    close(c.seed, (0.375 - 0.263889) / 8, 1e-6); // (MS_seed − MS_int)/(P·K)
    close(c.interaction!, (0.263889 - 0.0625) / 2, 1e-6); // (MS_int − MS_within)/K
    expect(c.prompt).toBe(0); // (0.138889 − 0.263889)/(S·K) < 0 → truncated
    expect(c.truncated).toContain('prompt');
    expect(c.generation).toBe(0.0625);
  });
  it('recovers known components on a large simulation and plans Var(ȳ)', () => {
    const r = seededRandom(11);
    const S = 60,
      P = 200;
    const a = Array.from({ length: S }, () => randomNormal(r, 0, 0.1));
    const b = Array.from({ length: P }, () => randomNormal(r, 0, 0.2));
    const v = new Float64Array(S * P);
    for (let s = 0; s < S; s++) for (let p = 0; p < P; p++) v[s * P + p] = a[s]! + b[p]! + randomNormal(r, 0, 0.3);
    const c = unwrap(varianceComponents({ seeds: S, prompts: P, values: v }));
    expect(c.seed).toBeGreaterThan(0.006);
    expect(c.seed).toBeLessThan(0.016);
    expect(c.prompt).toBeGreaterThan(0.03);
    expect(c.prompt).toBeLessThan(0.055);
    close(c.residual, 0.09, 0.005);
    // planning: Var(ȳ) = σ²_seed/S + σ²_prompt/P + σ²_res/(S·P)
    close(planningVariance(c, { seeds: 8, prompts: 27 }), c.seed / 8 + c.prompt / 27 + c.residual / 216, 1e-15);
    close(planningVariance(c, { seeds: 8, prompts: 27, promptsFixed: true }), c.seed / 8 + c.residual / 216, 1e-15);
  });
  it('insufficient cases', () => {
    expect(isInsufficient(varianceComponents(matrix([[1, 0, 1]])))).toBe(true);
    expect(isInsufficient(varianceComponents(matrix([[1], [0]])))).toBe(true);
    expect(isInsufficient(generationNoise([[1], [0.5]]))).toBe(true);
  });
});

describe('variance components and two-way bootstrap: invariants (fast-check)', () => {
  const matrixArb = fc
    .record({ S: fc.integer({ min: 2, max: 6 }), P: fc.integer({ min: 2, max: 8 }), seed: fc.integer() })
    .map(({ S, P, seed }) => {
      const r = seededRandom(seed);
      return { seeds: S, prompts: P, values: Float64Array.from({ length: S * P }, () => Math.round(r() * 2) / 2) };
    });
  it('permutation invariant, shift invariant, scale equivariant (×k²); bootstrap CI contains the mean', () => {
    let real = 0;
    let realBootstrap = 0;
    fc.assert(
      fc.property(matrixArb, fc.integer({ min: 1, max: 1000 }), (m, rs) => {
        const c = varianceComponents(m);
        fc.pre(!isInsufficient(c)); // skipped draws do not count towards numRuns
        real++;
        const S = m.seeds,
          P = m.prompts;
        const rows = shuffled(
          seededRandom(rs),
          Array.from({ length: S }, (_, i) => i),
        );
        const cols = shuffled(
          seededRandom(rs + 1),
          Array.from({ length: P }, (_, i) => i),
        );
        const perm = {
          seeds: S,
          prompts: P,
          values: Float64Array.from(
            { length: S * P },
            (_, k) => m.values[rows[Math.floor(k / P)]! * P + cols[k % P]!]!,
          ),
        };
        const cp = unwrap(varianceComponents(perm));
        const scaled = unwrap(varianceComponents({ ...m, values: m.values.map((v) => 3 * v + 1) }));
        for (const key of ['seed', 'prompt', 'residual'] as const) {
          expect(Math.abs(cp[key] - c[key])).toBeLessThan(1e-12);
          expect(Math.abs(scaled[key] - 9 * c[key])).toBeLessThan(1e-9);
        }
        const h = hierarchicalBootstrapMean(m, { random: seededRandom(rs), resamples: 200 });
        if (!isInsufficient(h)) {
          realBootstrap++;
          expect(h.low).toBeLessThanOrEqual(matrixMean(m) + 1e-12);
          expect(h.high).toBeGreaterThanOrEqual(matrixMean(m) - 1e-12);
          expect(effectiveDf(perm, undefined, 'crossed')).toBeCloseTo(effectiveDf(m, undefined, 'crossed'), 9);
        }
        return true;
      }),
      { numRuns: 150 },
    );
    expect(real).toBeGreaterThanOrEqual(150);
    expect(realBootstrap).toBeGreaterThanOrEqual(100);
  });
});

describe('variance components: two-way bootstrap intervals', () => {
  it('cover the known components on a simulated study, are reproducible, and need ≥ 3 seeds', () => {
    const r = seededRandom(21);
    const S = 30,
      P = 80;
    const a = Array.from({ length: S }, () => randomNormal(r, 0, 0.1));
    const b = Array.from({ length: P }, () => randomNormal(r, 0, 0.2));
    const v = new Float64Array(S * P);
    for (let s = 0; s < S; s++) for (let p = 0; p < P; p++) v[s * P + p] = a[s]! + b[p]! + randomNormal(r, 0, 0.3);
    const m = { seeds: S, prompts: P, values: v };
    const ci = unwrap(varianceComponentsBootstrap(m, { random: seededRandom(1), resamples: 400 }));
    const seed = unwrap(ci.seed),
      prompt = unwrap(ci.prompt),
      share = unwrap(ci.shareSeed);
    expect(seed.low).toBeLessThan(0.01);
    expect(seed.high).toBeGreaterThan(0.01);
    expect(prompt.low).toBeLessThan(0.04);
    expect(prompt.high).toBeGreaterThan(0.04);
    expect(share.low).toBeGreaterThanOrEqual(0);
    expect(share.high).toBeLessThanOrEqual(1);
    expect(unwrap(varianceComponentsBootstrap(m, { random: seededRandom(1), resamples: 400 }))).toEqual(ci);
    expect(
      isInsufficient(
        varianceComponentsBootstrap({ seeds: 2, prompts: P, values: v.slice(0, 2 * P) }, { random: seededRandom(1) }),
      ),
    ).toBe(true);
  });
});
