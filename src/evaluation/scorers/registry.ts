import type { ScorerConfig } from '../../study/schema.js';
import { containsScorer } from './contains.js';
import { exactScorer } from './exact.js';
import { externalScorer } from './external.js';
import { jsonMatchScorer } from './json-match.js';
import { regexScorer } from './regex.js';
import type { Scorer } from './scorer.js';
import { toolCallScorer } from './tool-call.js';

/** Every scorer kind the study file can name. */
export type ScorerKind = ScorerConfig['kind'];

/** Options every factory may use (the external scorer runs in the study's directory). */
export interface ScorerContext {
  cwd?: string;
}

type Factories = { [K in ScorerKind]: (config: Extract<ScorerConfig, { kind: K }>, context: ScorerContext) => Scorer };

/**
 * The exhaustive scorer registry: adding a kind to `scorerConfigSchema` without a factory here
 * fails to compile.
 */
export const scorerRegistry: Factories = {
  'tool-call': (c) => toolCallScorer(c),
  exact: (c) => exactScorer(c),
  contains: (c) => containsScorer(c),
  regex: (c) => regexScorer(c),
  'json-match': (c) => jsonMatchScorer(c),
  external: (c, ctx) => externalScorer(c, ctx.cwd),
};

/** Builds the scorer a study's `eval.scorer` names. */
export function createScorer(config: ScorerConfig, context: ScorerContext = {}): Scorer {
  const factory = scorerRegistry[config.kind] as (c: ScorerConfig, ctx: ScorerContext) => Scorer;
  return factory(config, context);
}
