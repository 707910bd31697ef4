/**
 * The precision a claimed figure was printed with. "82.4%" stands for any value in
 * [82.35%, 82.45%), so the comparability gate allows half a unit of the last printed digit unless
 * the claim states its own tolerance (claim-comparability.ts).
 */

/** Decimal places in the shortest printed form of x (0.824 → 3), i.e. the precision the claim was stated with. */
export function printedDecimals(x: number): number {
  const s = String(x);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** Half a unit of the last printed digit of a fraction: the rounding a figure written as `x` admits. */
export function printedTolerance(x: number): number {
  return Math.max(0.5 * 10 ** -printedDecimals(x), 1e-9);
}
