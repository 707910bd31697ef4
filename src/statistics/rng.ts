/**
 * Seeded randomness for every resampling method (bootstrap, permutation, cross-fitting, simulation).
 *
 * Why: reports must be reproducible (`--rng-seed`), so no statistic may call Math.random. A
 * {@link RandomSource} is a plain `() => number` in [0, 1), the same shape simple-statistics
 * accepts as `randomSource` (sampleWithReplacement, shuffle, permutationTest). It is backed by
 * pure-rand's xoroshiro128+ with 53-bit floats.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A uniform [0, 1) generator. Stateful: each call advances it. */
export type RandomSource = () => number;

/** Seeded uniform [0, 1) source (53 random bits per draw). Same seed → same sequence. */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new RangeError(`rng seed must be an integer, got ${seed}`);
  const gen = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(gen);
}

/**
 * `k` statistically independent seeded sources (xoroshiro jumps of 2^64 steps apart), e.g. one per
 * arm or per simulated study, so adding an arm does not shift the random numbers of the others.
 */
export function independentRandoms(seed: number, k: number): RandomSource[] {
  if (!Number.isInteger(seed)) throw new RangeError(`rng seed must be an integer, got ${seed}`);
  const out: RandomSource[] = [];
  let gen = xoroshiro128plus(seed | 0);
  for (let i = 0; i < k; i++) {
    const g = gen.clone();
    out.push(() => uniformFloat64(g));
    gen = gen.clone();
    gen.jump();
  }
  return out;
}

/**
 * Uniform integer in [0, n) from a RandomSource. With 53-bit floats the bias of `floor(u·n)` is
 * below 2^-53·n, negligible for any index range used here; it keeps the inner bootstrap loop cheap.
 */
export function randomInt(random: RandomSource, n: number): number {
  return Math.floor(random() * n);
}

/** Standard normal draw (Box–Muller, one value per call): for simulations and tests only. */
export function randomNormal(random: RandomSource, mu = 0, sigma = 1): number {
  let u = random();
  while (u <= 0) u = random();
  const v = random();
  return mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle of a copy of `xs` (seeded). */
export function shuffled<T>(random: RandomSource, xs: readonly T[]): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a;
}
