import { z } from 'zod';
import { studySchema } from './schema.js';

/**
 * The study file's JSON Schema, generated from the zod schema so the two never drift. In
 * `input` mode, because a user writes the input: fields with defaults are optional there.
 * Editors use it through `# yaml-language-server: $schema=<file>` for autocompletion; draft-07
 * because that is the draft the YAML language server supports best.
 */
export function studyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(studySchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  return { ...schema, title: 'seedstudy study file' };
}
