import { isInsufficient, type Insufficient } from '../../src/statistics/result.js';

/** Unwraps a statistic that must be computable in this test (throws the reason otherwise). */
export function ok<T>(r: T | Insufficient): T {
  if (isInsufficient(r)) throw new Error(`unexpected insufficient: ${r.reason}`);
  return r;
}
