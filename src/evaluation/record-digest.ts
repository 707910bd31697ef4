import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** What the manifest records about one record file: how many records and the sha256 of its exact bytes. */
export const recordDigestSchema = z.strictObject({ count: z.number().int().min(0), sha256: z.string() });

/** One record file's digest. */
export type RecordDigest = z.infer<typeof recordDigestSchema>;

/** A record file as found on disk: its digest, and the first line (1-based) that is not JSON, if any. */
export interface RecordFileState extends RecordDigest {
  badLine: number | null;
  missing: boolean;
}

/**
 * Reads one JSONL record file for verification: records are its non-empty lines; a missing file
 * counts as no records. Every line is parsed strictly (a torn last line is a bad line here).
 */
export async function recordFileState(path: string): Promise<RecordFileState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { count: 0, sha256: createHash('sha256').digest('hex'), badLine: null, missing: true };
  }
  const lines = bytes.toString('utf8').split('\n');
  let count = 0;
  let badLine: number | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    count++;
    if (badLine !== null) return;
    try {
      JSON.parse(line);
    } catch {
      badLine = i + 1;
    }
  });
  return { count, sha256: createHash('sha256').update(bytes).digest('hex'), badLine, missing: false };
}
