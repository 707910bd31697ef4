import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256File } from './sha256-file.js';

/** Files below this size are always hashed afresh: cheap, and immune to same-mtime edits. */
const cacheThresholdBytes = 1 << 20;

/**
 * Where cached hashes of big files (model weights) live: `$SEEDSTUDY_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/seedstudy`, else `~/.cache/seedstudy`. Not the model directory (often
 * read-only, e.g. a shared HF cache) and not the output directory (`plan` and `validate`
 * must not write there): hashing 60 GB of a 30B model on every `plan` would take minutes.
 */
export function hashCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.SEEDSTUDY_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'seedstudy');
  return join(base, 'file-hashes.json');
}

type CacheEntry = { size: number; mtimeMs: number; sha256: string };

/**
 * sha256 of each file. Files of 1 MiB or more are looked up in a cache keyed by absolute
 * path, size and mtime (an edit that keeps both is the accepted blind spot); the cache is
 * best effort: if it can't be read or written, files are simply hashed.
 */
export async function hashFiles(paths: readonly string[], cacheFile: string = hashCacheFile()): Promise<string[]> {
  let cache: Record<string, CacheEntry> | undefined;
  let dirty = false;
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.size < cacheThresholdBytes) {
      out.push(await sha256File(path));
      continue;
    }
    cache ??= await readCache(cacheFile);
    const hit = cache[path];
    if (hit && hit.size === info.size && hit.mtimeMs === info.mtimeMs) {
      out.push(hit.sha256);
      continue;
    }
    const sha256 = await sha256File(path);
    cache[path] = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
    dirty = true;
    out.push(sha256);
  }
  if (dirty && cache) await writeCache(cacheFile, cache);
  return out;
}

async function readCache(file: string): Promise<Record<string, CacheEntry>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, CacheEntry>) : {};
  } catch {
    return {};
  }
}

async function writeCache(file: string, cache: Record<string, CacheEntry>): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(cache));
    await rename(tmp, file);
  } catch {
    // A read-only home only costs re-hashing next time.
  }
}
