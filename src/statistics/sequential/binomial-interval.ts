import type { Interval } from '../result.js';
import { binomialCharacteristics, type BinomialLook } from './binomial-design.js';
import { binomialPmf } from './binomial-pmf.js';
import { bisect } from './root.js';

/**
 * The exact confidence interval for q after a sequential reproduce design stopped, adjusted for the
 * stopping rule by stage-wise ordering: stopping "not reproducible" at an earlier look is a lower
 * outcome than anything later, stopping "reproducible" earlier a higher one, and within a look more
 * hits is higher. With one look it is the Clopper–Pearson interval. A naive Clopper–Pearson interval on
 * the runs at the stop ignores that the study stopped because the count was extreme.
 */

/** P_q(outcome ≥ (look k, s hits)) under stage-wise ordering, k 0-based. */
export function probabilityAtLeast(looks: readonly BinomialLook[], k: number, s: number, q: number): number {
  const look = looks[k]!;
  const last = k === looks.length - 1;
  const isStop = (x: number) => last || x <= look.notReproducibleAtMost || x >= look.reproducibleAtLeast;
  const atK = atLookDistribution(looks, k, q);
  // Earlier "reproducible" stops rank above everything at look k.
  let p = binomialCharacteristics(looks.slice(0, k), q).reproducible;
  let running = 0;
  atK.forEach((pr, x) => {
    if (!isStop(x)) running += pr;
    else if (x >= s) p += pr;
  });
  // Paths that went on rank above a "not reproducible" stop and below a "reproducible" one.
  return s <= look.notReproducibleAtMost && !last ? p + running : p;
}

/** Distribution of hits at look k (0-based) over the paths that reached it. */
function atLookDistribution(looks: readonly BinomialLook[], k: number, q: number): number[] {
  let dist = [1];
  let prev = 0;
  for (let j = 0; j <= k; j++) {
    const look = looks[j]!;
    const m = look.runs - prev;
    const next = new Array<number>(look.runs + 1).fill(0);
    dist.forEach((p, s) => {
      for (let i = 0; i <= m; i++) next[s + i]! += p * binomialPmf(i, m, q);
    });
    if (j < k)
      next.forEach((_, s) => (s <= look.notReproducibleAtMost || s >= look.reproducibleAtLeast) && (next[s] = 0));
    dist = next;
    prev = look.runs;
  }
  return dist;
}

/** Exact stage-wise interval for q after stopping at look k (0-based) with s hits. */
export function sequentialBinomialInterval(
  looks: readonly BinomialLook[],
  k: number,
  s: number,
  level = 0.95,
): Interval {
  const tail = (1 - level) / 2;
  const pAtLeast = (q: number) => probabilityAtLeast(looks, k, s, q);
  const atMost = (q: number) => 1 - pAtLeast(q) + probabilityOf(looks, k, s, q);
  // The lowest (highest) outcome has P(≥) = 1 (P(≤) = 1) at every q: its bound is 0 (1).
  const low = pAtLeast(0) > 1 - 1e-9 ? 0 : bisect((q) => tail - pAtLeast(q), 0, 1, 1e-12);
  const high = atMost(1) > 1 - 1e-9 ? 1 : bisect((q) => atMost(q) - tail, 0, 1, 1e-12);
  return { low, high, method: 'exact-stagewise', level };
}

function probabilityOf(looks: readonly BinomialLook[], k: number, s: number, q: number): number {
  return atLookDistribution(looks, k, q)[s] ?? 0;
}
