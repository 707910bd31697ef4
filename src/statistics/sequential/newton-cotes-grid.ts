/**
 * Integration grid for the group-sequential recursion: composite closed 7-point Newton–Cotes
 * (Weddle-type) weights on equal steps. The same rule and panel counts as rpact's C++ core
 * (15 panels for one interval, 8 per interval when a futility region splits the continuation
 * region in two), so the integrals agree with the reference software to its root tolerance
 * instead of to the difference between two quadratures (docs/references.md §27).
 */

/** Grid points and their quadrature weights over one interval. */
export interface Grid {
  readonly x: Float64Array;
  readonly w: Float64Array;
}

const PANEL = [41, 216, 27, 272, 27, 216, 41];

/** Points and weights of `panels` 7-point Newton–Cotes panels over [lo, hi] (6·panels + 1 points). */
export function newtonCotesGrid(lo: number, hi: number, panels: number): Grid {
  const n = 6 * panels + 1;
  const h = (hi - lo) / (6 * panels);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = lo + i * h;
  for (let p = 0; p < panels; p++) {
    for (let j = 0; j < 7; j++) w[6 * p + j]! += (PANEL[j]! * 6 * h) / 840;
  }
  return { x, w };
}
