import { z } from 'zod';
import { suiteFileSchema, suitePromptSchema } from './suite-schema.js';

/**
 * The eval suite's JSON Schema, generated from its zod schema like the study file's, so an editor
 * completes and checks a suite as it is written. A YAML/JSON suite is `{name, prompts}` or a bare list of
 * prompts; a JSONL suite's lines are `definitions.prompt`. (The one rule JSON Schema cannot express,
 * exactly one of `messages` or `prompt`, is checked by `seedstudy validate`.)
 */
export function suiteJsonSchema(): Record<string, unknown> {
  const options = { io: 'input', unrepresentable: 'any', target: 'draft-7' } as const;
  const { $schema, ...document } = z.toJSONSchema(suiteFileSchema, options) as Record<string, unknown>;
  const { $schema: _ignored, ...prompt } = z.toJSONSchema(suitePromptSchema, options) as Record<string, unknown>;
  return {
    $schema,
    title: 'seedstudy eval suite',
    description: 'An eval suite (docs/eval-suite.md): {name, prompts: [...]}, or a list of prompts.',
    definitions: { prompt },
    anyOf: [document, { type: 'array', minItems: 1, items: { $ref: '#/definitions/prompt' } }],
  };
}
