/**
 * Binomial probabilities for exact enumeration of a sequential reproduce design. The counts are small
 * (tens of seeds), so the coefficient is built by a running product in double precision, exact to
 * ~1e-15 relative, and q = 0 or 1 give the degenerate distributions they should (0⁰ = 1).
 */

/** P(X = k) for X ~ Binomial(n, q). */
export function binomialPmf(k: number, n: number, q: number): number {
  if (k < 0 || k > n) return 0;
  let coef = 1;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) coef = (coef * (n - m + i)) / i;
  return coef * q ** k * (1 - q) ** (n - k);
}
