import type { ScorerConfig } from '../../study/schema.js';
import { requireField } from './require-field.js';
import { perItem, unmatchedClass, type Scorer } from './scorer.js';

/** 1 when the output equals the prompt's `reference` (optionally trimmed / case-insensitive), else 0. */
export function exactScorer(config: Extract<ScorerConfig, { kind: 'exact' }>): Scorer {
  const norm = (s: string) => {
    const t = config.trim ? s.trim() : s;
    return config.case_sensitive ? t : t.toLowerCase();
  };
  return perItem('exact', (item) => {
    const reference = requireField(item, 'reference', 'exact');
    return norm(item.generation.output) === norm(reference)
      ? { score: 1, reason: 'output equals the reference', failure_class: 'correct' }
      : {
          score: 0,
          reason: 'output differs from the reference',
          failure_class: unmatchedClass(item.generation.finish_reason, 'mismatch'),
        };
  });
}
