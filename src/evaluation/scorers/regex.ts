import { UserError } from '../../errors/user-error.js';
import type { ScorerConfig } from '../../study/schema.js';
import { requireField } from './require-field.js';
import { perItem, unmatchedClass, type Scorer } from './scorer.js';

/** 1 when the output matches the prompt's `regex` (a JavaScript regular expression), else 0. */
export function regexScorer(_config: Extract<ScorerConfig, { kind: 'regex' }>): Scorer {
  const cache = new Map<string, RegExp>();
  return perItem('regex', (item) => {
    const source = requireField(item, 'regex', 'regex');
    let re = cache.get(source);
    if (!re) {
      try {
        re = new RegExp(source, 'u');
      } catch (error) {
        throw new UserError(
          `prompt "${item.prompt.id}": regex is not a valid JavaScript regular expression: ${(error as Error).message}`,
          {
            keyPath: `prompts[id=${item.prompt.id}].regex`,
            fix: 'fix the pattern (JavaScript syntax, unicode mode)',
          },
        );
      }
      cache.set(source, re);
    }
    return re.test(item.generation.output)
      ? { score: 1, reason: `output matches /${source}/`, failure_class: 'correct' }
      : {
          score: 0,
          reason: `output does not match /${source}/`,
          failure_class: unmatchedClass(item.generation.finish_reason, 'mismatch'),
        };
  });
}
