/**
 * Bisection for the root of a non-increasing function on [lo, hi]: step right while f > 0, left
 * otherwise (rpact's `bisection2`). Boundary searches need a root that cannot jump to another
 * branch; a two-sided futility search is symmetric in the drift and flat beyond a clamp, where a
 * sign-change bisection would fail. When f > 0 everywhere the result is hi, when f ≤ 0 everywhere lo.
 * Pass an increasing function negated.
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, tolerance = 1e-12): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > tolerance; i++) {
    const mid = (a + b) / 2;
    if (f(mid) > 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}
