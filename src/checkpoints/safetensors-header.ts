import { open } from 'node:fs/promises';

/** Why a safetensors file cannot be used, or undefined when its header and size agree. */
export type SafetensorsProblem = string | undefined;

const MAX_HEADER = 100 * 1024 * 1024;

/**
 * Checks that a safetensors file is complete: an u64 little-endian header length, a JSON header,
 * and a data section exactly as long as the largest tensor end offset. `mx.save_safetensors` is
 * not atomic, so a trainer killed mid-save leaves an empty or truncated file that must never be
 * recorded (or evaluated) as a checkpoint.
 */
export async function checkSafetensors(path: string): Promise<SafetensorsProblem> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return 'empty file (size 0)';
    if (size < 8) return `truncated: ${size} bytes, shorter than the 8-byte header length`;
    const lenBuf = Buffer.alloc(8);
    await handle.read(lenBuf, 0, 8, 0);
    const headerLen = lenBuf.readBigUInt64LE(0);
    if (headerLen === 0n || headerLen > BigInt(MAX_HEADER)) return `invalid header length ${headerLen}`;
    const n = Number(headerLen);
    if (8 + n > size) return `truncated: header says ${n} bytes but the file has ${size - 8} after the length`;
    const headerBuf = Buffer.alloc(n);
    await handle.read(headerBuf, 0, n, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(headerBuf.toString('utf8')) as Record<string, unknown>;
    } catch {
      return 'header is not valid JSON';
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header)) return 'header is not a JSON object';
    let end = 0;
    for (const [name, info] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const offsets = (info as { data_offsets?: unknown }).data_offsets;
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o))) {
        return `tensor ${name} has no valid data_offsets`;
      }
      end = Math.max(end, offsets[1] as number);
    }
    const expected = 8 + n + end;
    if (size < expected) return `truncated: ${size} bytes, expected ${expected}`;
    if (size > expected) return `unexpected trailing data: ${size} bytes, expected ${expected}`;
    return undefined;
  } finally {
    await handle.close();
  }
}
