import { isDeepStrictEqual } from 'node:util';
import { UserError } from '../../errors/user-error.js';
import type { ScorerConfig } from '../../study/schema.js';
import { requireField } from './require-field.js';
import { perItem, unmatchedClass, type Scorer } from './scorer.js';

/**
 * 1 when a JSON value in the output (the whole output, else the first parseable `{...}`/`[...]`)
 * deep-equals the prompt's `reference` parsed as JSON; key order and whitespace do not matter.
 */
export function jsonMatchScorer(_config: Extract<ScorerConfig, { kind: 'json-match' }>): Scorer {
  return perItem('json-match', (item) => {
    const source = requireField(item, 'reference', 'json-match');
    let reference: unknown;
    try {
      reference = JSON.parse(source);
    } catch (error) {
      throw new UserError(`prompt "${item.prompt.id}": reference is not valid JSON: ${(error as Error).message}`, {
        keyPath: `prompts[id=${item.prompt.id}].reference`,
        fix: 'write the reference as JSON text',
      });
    }
    const found = extractJson(item.generation.output);
    if (found === undefined) {
      return {
        score: 0,
        reason: 'no JSON value in the output',
        failure_class: unmatchedClass(item.generation.finish_reason, 'invalid-json'),
      };
    }
    return isDeepStrictEqual(found, reference)
      ? { score: 1, reason: 'JSON equals the reference', failure_class: 'correct' }
      : {
          score: 0,
          reason: 'JSON differs from the reference',
          failure_class: unmatchedClass(item.generation.finish_reason, 'mismatch'),
        };
  });
}

/** The first JSON value in `text`, or undefined. */
export function extractJson(text: string): unknown {
  const attempt = (s: string): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  };
  const whole = attempt(text.trim());
  if (whole !== undefined) return whole;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{' && text[i] !== '[') continue;
    const end = matchBracket(text, i);
    if (end === -1) continue;
    const value = attempt(text.slice(i, end + 1));
    if (value !== undefined) return value;
  }
  return undefined;
}

function matchBracket(text: string, open: number): number {
  const closer = text[open] === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === closer ? i : -1;
    }
  }
  return -1;
}
