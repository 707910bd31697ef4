import type { z } from 'zod';
import type { KeyPath } from './yaml-source.js';
import { valueAt } from './key-path.js';

type AnySchema = z.core.$ZodType;
type Def = {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  valueType?: AnySchema;
  in?: AnySchema;
  discriminator?: string;
  shape?: Record<string, AnySchema>;
};

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional/default/nullable/pipe wrappers, which never change the key layout. */
export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (
      def.innerType &&
      ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    )
      current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The keys of an object schema, or undefined when it is not an object. */
export function objectKeys(schema: AnySchema): string[] | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** The child schema of each key of an object schema (empty for non-objects). */
export function objectShape(schema: AnySchema): Record<string, AnySchema> {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? def.shape : {};
}

/**
 * The schemas that may describe the value at `path`, following arrays, records and
 * unions (a discriminated union is narrowed by the discriminator written in `data`).
 * Used to list allowed keys for "did you mean" and to read field descriptions.
 */
export function schemasAt(root: AnySchema, path: KeyPath, data: unknown): AnySchema[] {
  let current: AnySchema[] = [root];
  for (let depth = 0; depth <= path.length; depth++) {
    const here = valueAt(data, path.slice(0, depth));
    current = current.flatMap((schema) => expandUnion(schema, here));
    if (depth === path.length) break;
    const segment = path[depth]!;
    current = current.flatMap((schema) => {
      const def = defOf(unwrap(schema));
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) return [def.shape[segment]];
      if (def.type === 'array' && typeof segment === 'number' && def.element) return [def.element];
      if (def.type === 'record' && def.valueType) return [def.valueType];
      return [];
    });
  }
  return current;
}

function expandUnion(schema: AnySchema, value: unknown): AnySchema[] {
  const def = defOf(unwrap(schema));
  if (def.type !== 'union' || !def.options) return [schema];
  let options = def.options;
  if (def.discriminator && value && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    const matching = options.filter((option) => literalOf(objectShape(option)[def.discriminator!]) === tag);
    if (matching.length > 0) options = matching;
  }
  return options.flatMap((option) => expandUnion(option, value));
}

/** The value of a literal schema (e.g. the `kind` of an executor), else undefined. */
export function literalOf(schema: AnySchema | undefined): unknown {
  if (!schema) return undefined;
  const def = defOf(unwrap(schema)) as Def & { values?: unknown[] };
  return def.type === 'literal' ? def.values?.[0] : undefined;
}

/** The `.describe()` text of a schema: the outermost one along its wrapper chain. */
export function descriptionOf(schema: AnySchema): string | undefined {
  let current: AnySchema | undefined = schema;
  while (current) {
    const text = (current as unknown as { description?: string }).description;
    if (text) return text;
    const def = defOf(current);
    current = def.type === 'pipe' ? def.in : def.innerType;
  }
  return undefined;
}
