import { readFile } from 'node:fs/promises';

/**
 * Parses JSON Lines text, tolerating a torn last line (a writer killed mid-append):
 * a final line that does not parse is dropped; a bad line anywhere else is an error,
 * because it means the file was corrupted rather than interrupted.
 */
export function parseJsonl(text: string, source = '<jsonl>'): unknown[] {
  const lines = text.split('\n');
  const out: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch (error) {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (isLast) break;
      throw new Error(`${source}:${i + 1}: not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  return out;
}

/** Reads a JSONL file (see parseJsonl); a missing file reads as no records. */
export async function readJsonl(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseJsonl(text, path);
}
