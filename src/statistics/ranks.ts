/**
 * Mid-ranks (average ranks for ties), 1-based, plus the tie-group sizes. Rank tests and
 * the tie correction of their normal approximations both need them; eval scores on a
 * 0/0.5/1 grid tie constantly, so ties are the normal case here, not an edge case.
 */
export interface Ranking {
  ranks: number[];
  /** Sizes of the groups of equal values (only groups of size > 1). */
  tieSizes: number[];
}

/** Mid-ranks of `values` in input order. */
export function midRanks(values: readonly number[]): Ranking {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[idx[k]!] = r;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}
