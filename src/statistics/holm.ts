/**
 * Multiplicity adjustments. Holm (family-wise error, step-down) for the few confirmatory
 * arm comparisons; Benjamini–Hochberg (false discovery rate) for the many exploratory ones
 * such as per-category tests. Both return adjusted p-values in the input order, so callers
 * can compare each to α directly.
 */

function order(ps: readonly number[]): number[] {
  return ps.map((_, i) => i).sort((a, b) => ps[a]! - ps[b]! || a - b);
}

function check(ps: readonly number[]): void {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value out of [0, 1]: ${p}`);
}

/** Holm step-down adjusted p-values: p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)). */
export function holmAdjust(ps: readonly number[]): number[] {
  check(ps);
  const m = ps.length;
  const idx = order(ps);
  const out = new Array<number>(m);
  let running = 0;
  idx.forEach((k, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * ps[k]!));
    out[k] = running;
  });
  return out;
}

/** Benjamini–Hochberg adjusted p-values (scipy `false_discovery_control(ps, method='bh')`). */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  check(ps);
  const m = ps.length;
  const idx = order(ps);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const k = idx[rank]!;
    running = Math.min(running, (ps[k]! * m) / (rank + 1));
    out[k] = Math.min(1, running);
  }
  return out;
}
