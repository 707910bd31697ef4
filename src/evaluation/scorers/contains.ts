import type { ScorerConfig } from '../../study/schema.js';
import { requireField } from './require-field.js';
import { perItem, unmatchedClass, type Scorer } from './scorer.js';

/** 1 when the output contains the prompt's `reference` text, else 0. */
export function containsScorer(config: Extract<ScorerConfig, { kind: 'contains' }>): Scorer {
  const norm = (s: string) => (config.case_sensitive ? s : s.toLowerCase());
  return perItem('contains', (item) => {
    const reference = requireField(item, 'reference', 'contains');
    return norm(item.generation.output).includes(norm(reference))
      ? { score: 1, reason: 'output contains the reference', failure_class: 'correct' }
      : {
          score: 0,
          reason: 'reference not found in the output',
          failure_class: unmatchedClass(item.generation.finish_reason, 'mismatch'),
        };
  });
}
