import { normalCdf } from '../distributions.js';
import { newtonCotesGrid } from './newton-cotes-grid.js';

/**
 * The Armitage–McPherson–Rowe recursion: the joint law of the look statistics Z_1..Z_K of a
 * group-sequential test, restricted to the paths that have not stopped yet. In canonical form
 * Z_k ~ N(θ√t_k, 1) with Corr(Z_j, Z_k) = √(t_j/t_k) (t = information fractions), so the
 * sub-density of "still running at look k, Z_k = x" is the previous one integrated over its
 * continuation region against a normal increment. Every boundary, error rate, power and expected
 * seed count in this folder is a functional of these masses (docs/references.md §25).
 */

/** An interval of z values; a continuation region is one interval, or two around a futility gap. */
export interface ZInterval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * At look k: the probability of getting there, and P(getting there and Z_k ≤ x). The probability
 * of getting there and Z_k > x is reach − below(x), as in rpact: the mass the grid cut off below
 * (< 1e-9, see Z_LIMIT_LOW_SINGLE) then counts as crossing upward, which errs on the safe side.
 */
export interface StageMass {
  readonly reach: number;
  below(x: number): number;
  above(x: number): number;
}

/**
 * Where the grid stops, relative to the mean: 8 above; below, 6 for a single interval and 8 for two,
 * exactly as rpact truncates. The mass cut off is < 1e-9; it moves a boundary visibly (up to 3e-4)
 * only after a first-look boundary beyond 6 (O'Brien–Fleming at α = 0.01 with a first look at 15%),
 * and matching the reference there is worth more than the last 1e-9 of error rate.
 */
const Z_LIMIT = 8;
const Z_LIMIT_LOW_SINGLE = 6;

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Masses at looks 1..t.length given the continuation regions of looks 1..t.length−1 and the drift θ
 * (E Z_k = θ√t_k; θ = 0 is "no effect"). Looks at t.length and beyond need no region.
 */
export function stageMasses(
  t: readonly number[],
  continuation: readonly (readonly ZInterval[])[],
  drift: number,
): StageMass[] {
  const out: StageMass[] = [];
  const m0 = drift * Math.sqrt(t[0]!);
  // Look 1 in closed form, with the upper tail as Φ(−z) so a 1e-12 first-look spend keeps its digits.
  out.push({ reach: 1, below: (x) => normalCdf(x - m0), above: (x) => normalCdf(m0 - x) });
  let px = new Float64Array(0);
  let pwd = new Float64Array(0);
  for (let k = 1; k < t.length; k++) {
    const region = continuation[k - 1];
    if (!region) throw new RangeError(`look ${k} has no continuation region`);
    const tPrev = t[k - 1]!;
    const tk = t[k]!;
    const inc = tk - tPrev;
    if (!(inc > 0)) throw new RangeError(`information fractions must increase, got ${tPrev} then ${tk}`);
    const meanPrev = drift * Math.sqrt(tPrev);
    const panels = region.length === 1 ? 15 : 8;
    const xs: number[] = [];
    const wds: number[] = [];
    const prevX = px;
    const prevWd = pwd;
    for (const { lo, hi } of region) {
      const a = Math.max(lo, meanPrev - (region.length === 1 ? Z_LIMIT_LOW_SINGLE : Z_LIMIT));
      const b = Math.min(hi, meanPrev + Z_LIMIT);
      if (!(b > a)) continue;
      const grid = newtonCotesGrid(a, b, panels);
      for (let i = 0; i < grid.x.length; i++) {
        const x = grid.x[i]!;
        const density = k === 1 ? normalDensity(x - meanPrev) : transitionDensity(x, k - 1, t, drift, prevX, prevWd);
        xs.push(x);
        wds.push(grid.w[i]! * density);
      }
    }
    px = Float64Array.from(xs);
    pwd = Float64Array.from(wds);
    const previous = out[k - 1]!;
    const reach = region.reduce((s, { lo, hi }) => s + Math.max(0, previous.below(hi) - previous.below(lo)), 0);
    const gx = px;
    const gwd = pwd;
    const sqrtTk = Math.sqrt(tk);
    const sqrtPrev = Math.sqrt(tPrev);
    const sd = Math.sqrt(inc);
    out.push({
      reach,
      below: (x) => {
        let s = 0;
        for (let i = 0; i < gx.length; i++)
          s += gwd[i]! * normalCdf((x * sqrtTk - gx[i]! * sqrtPrev - drift * inc) / sd);
        return s;
      },
      above(x) {
        return this.reach - this.below(x);
      },
    });
  }
  return out;
}

function normalDensity(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** Sub-density at look k (0-based) of Z_k = x from the weighted grid of look k − 1. */
function transitionDensity(
  x: number,
  k: number,
  t: readonly number[],
  drift: number,
  prevX: Float64Array,
  prevWd: Float64Array,
): number {
  const inc = t[k]! - t[k - 1]!;
  const sd = Math.sqrt(inc);
  const scale = Math.sqrt(t[k]!) / sd;
  const a = x * Math.sqrt(t[k]!);
  const sp = Math.sqrt(t[k - 1]!);
  let s = 0;
  for (let i = 0; i < prevX.length; i++) s += prevWd[i]! * normalDensity((a - prevX[i]! * sp - drift * inc) / sd);
  return s * scale;
}
