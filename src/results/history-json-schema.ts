import { z } from 'zod';
import { historyRecordSchema } from './history-record.js';

/**
 * The history record's JSON Schema, generated from its zod schema like the study file's, so an
 * editor completes and checks a record being transcribed from a write-up.
 */
export function historyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(historyRecordSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Record<string, unknown>;
  return { ...schema, title: 'seedstudy history record' };
}
