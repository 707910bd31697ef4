import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * Reads a JSON record that only marks work as done; undefined when it is missing, unreadable or
 * does not match its schema, so the caller redoes the work instead of trusting it.
 */
export async function readValidJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
