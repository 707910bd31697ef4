import type { ScorerConfig } from '../../study/schema.js';
import type { ScorerKind } from './registry.js';

type Table = { [K in ScorerKind]: (config: Extract<ScorerConfig, { kind: K }>) => number[] | null };

/**
 * Every value a scorer can give one answer, for the comparability gate: a claimed figure is
 * only a possible result of this eval if it is a mean of these values. Exhaustive like the
 * registry, so a new scorer kind must say what it can produce; `null` means unknown (an external
 * program may return any fraction), and the gate then reports "not verified" instead of guessing.
 */
const table: Table = {
  'tool-call': (c) => [...new Set([0, c.direct_score, 1])].sort((a, b) => a - b),
  exact: () => [0, 1],
  contains: () => [0, 1],
  regex: () => [0, 1],
  'json-match': () => [0, 1],
  external: () => null,
};

/** The scores one answer can get from the configured scorer (null when the scorer does not say). */
export function possibleScores(config: ScorerConfig): number[] | null {
  return (table[config.kind] as (c: ScorerConfig) => number[] | null)(config);
}
