import { UserError } from '../../errors/user-error.js';
import type { ScoreItem } from './scorer.js';

/** The prompt field a scorer needs, or a UserError naming the prompt, the field and the scorer. */
export function requireField(item: ScoreItem, field: 'reference' | 'regex' | 'expected_tool', scorer: string): string {
  const value = item.prompt[field];
  if (typeof value !== 'string') {
    throw new UserError(`prompt "${item.prompt.id}" has no \`${field}\`, which the ${scorer} scorer needs`, {
      keyPath: `prompts[id=${item.prompt.id}].${field}`,
      fix: `add \`${field}\` to every prompt of the suite, or choose another scorer in eval.scorer`,
    });
  }
  return value;
}
