import type { z } from 'zod';
import { objectShape, unwrap } from './schema-walk.js';

type Def = { type: string; element?: z.core.$ZodType; options?: z.core.$ZodType[] };
const defOf = (s: z.core.$ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Every key path a schema accepts, as `train.iters`, `arms[].train.rank`, `executor.partition`
 * (the options of a union share a prefix). Records are leaves: their keys are the user's.
 * Used to prove that each field is classified as identity or operational.
 */
export function schemaFieldPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'array' && def.element) return schemaFieldPaths(def.element, `${prefix}[]`);
  if (def.type === 'union' && def.options) return [...new Set(def.options.flatMap((o) => schemaFieldPaths(o, prefix)))];
  if (def.type !== 'object') return [];
  return Object.entries(objectShape(inner)).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...schemaFieldPaths(child, path)];
  });
}
