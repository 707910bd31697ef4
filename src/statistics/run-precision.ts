import type { Maybe } from './result.js';
import { insufficient } from './result.js';

/**
 * How precisely ONE run's score is measured by its finite prompt set (docs/references.md §20): the naive
 * prompt-sampling SE, and the category-clustered SE, since prompts of one category succeed or fail
 * together. This is the width a single number carries before any seed-to-seed variation.
 */

/** sd over prompts (n−1) / √P. */
export function promptSe(scores: ArrayLike<number>): Maybe<number> {
  const n = scores.length;
  if (n < 2) return insufficient(`a prompt-sampling SE needs at least 2 prompts, got ${n}`);
  let m = 0;
  for (let i = 0; i < n; i++) m += scores[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (scores[i]! - m) ** 2;
  return Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
}

/** √(C/(C−1)·Σ_c (S_c − n_c·m)²)/N from category sums S_c of n_c prompts (Miller 2024 App. A, inspect style). */
export function clusteredSe(categories: readonly { promptCount: number; sum: number }[]): Maybe<number> {
  const C = categories.length;
  if (C < 2) return insufficient(`a clustered SE needs at least 2 categories, got ${C}`);
  const N = categories.reduce((s, c) => s + c.promptCount, 0);
  const m = categories.reduce((s, c) => s + c.sum, 0) / N;
  const ss = categories.reduce((s, c) => s + (c.sum - c.promptCount * m) ** 2, 0);
  return Math.sqrt((C / (C - 1)) * ss) / N;
}
