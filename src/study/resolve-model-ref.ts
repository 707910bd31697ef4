import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import {
  type CacheMiss,
  defaultRevision,
  findCachedSnapshot,
  hfHubCacheDir,
  isDir,
  repoFolderName,
} from './hf-cache.js';

/** Where `model:` came from when it named a Hugging Face repo: recorded in the plan for provenance. */
export interface HfModelSource {
  /** `org/name`, as written. */
  repo: string;
  /** The revision after `@`, else `main`. */
  revision: string;
  /** The commit the revision resolved to in the cache; null when the repo or revision is not cached. */
  commit: string | null;
  /** Why it is not cached (set exactly when commit is null), reported by the model rule. */
  miss?: CacheMiss;
}

/** A study's `model:` value resolved to a directory. */
export interface ResolvedModel {
  /** Absolute model directory: the cache snapshot for a repo id (the repo's cache folder when not cached). */
  path: string;
  /** Set when `model:` was a repo id. */
  hf?: HfModelSource;
}

/** `org/name` or `org/name@revision`, with huggingface_hub's allowed characters (no `--` or `..`, ≤ 96 per part). */
const repoIdPattern = /^([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})(?:@(\S+))?$/;

/**
 * Splits a `model:` value into repo id and revision when it has the shape of one, else undefined.
 * Shape only: whether it is a path on disk is decided by `resolveModelRef`.
 */
export function parseRepoId(value: string): { repo: string; revision: string } | undefined {
  const m = repoIdPattern.exec(value);
  if (!m) return undefined;
  const repo = `${m[1]}/${m[2]}`;
  if (repo.includes('--') || repo.includes('..') || /[.-]$/.test(m[1]!) || /[.-]$/.test(m[2]!)) return undefined;
  return { repo, revision: m[3] ?? defaultRevision };
}

/**
 * Resolves a study's `model:` (relative to the study file's directory `base`). The rule: `~`, an
 * absolute path, or one starting with `./` or `../` is a path; so is any relative path that exists on
 * disk; otherwise a value shaped `org/name[@revision]` is a Hugging Face repo id, found offline in the hub
 * cache (`hfHubCacheDir`) at `refs/<revision>` → `snapshots/<commit>` (a 40-hex revision directly);
 * anything else is a path (and the model rule reports it missing).
 */
export async function resolveModelRef(
  value: string,
  base: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedModel> {
  if (value === '~' || value.startsWith('~/')) return { path: join(homedir(), value.slice(1)) };
  const path = resolve(base, value);
  const explicitPath = isAbsolute(value) || /^\.\.?([/\\]|$)/.test(value);
  const id = explicitPath || existsSync(path) ? undefined : parseRepoId(value);
  if (!id) return { path };
  const cacheDir = hfHubCacheDir(env);
  const found = await findCachedSnapshot(id.repo, id.revision, cacheDir);
  if ('snapshot' in found) return { path: found.snapshot, hf: { ...id, commit: found.commit } };
  const miss = found.missing === 'repo' ? neitherPathNorRepo(value, path, id) : found;
  return { path: join(cacheDir, repoFolderName(id.repo)), hf: { ...id, commit: null, miss } };
}

/** `org/name` is neither a directory nor a cached repo: say both, since either may be what the user meant. */
function neitherPathNorRepo(value: string, path: string, id: { repo: string; revision: string }): CacheMiss {
  const download = `hf download ${id.repo}${id.revision === defaultRevision ? '' : ` --revision ${id.revision}`}`;
  return {
    missing: 'repo',
    message:
      `model directory not found: ${path}, and ${id.repo} is not a Hugging Face repo` +
      ' in the local hub cache either',
    fix:
      `for a local directory, correct the path (relative to the study file; \`./${value}\` always means a path);` +
      ` for a Hugging Face repo, fetch it with \`${download}\` (seedstudy never downloads models; the hub cache is` +
      ' $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)',
  };
}

/**
 * A hint for a `model:` that points at a hub cache repo folder (`models--org--name/`) instead of one of
 * its snapshots: that folder has no config.json, so name the snapshot `refs/main` leads to (or the
 * snapshots there are) and the repo id that would resolve it. Undefined for any other directory.
 */
export async function cacheRepoFolderHint(dir: string): Promise<CacheMiss | undefined> {
  const folder = basename(dir);
  if (!folder.startsWith('models--') || !(await isDir(join(dir, 'snapshots')))) return undefined;
  const repo = folder.slice('models--'.length).replace('--', '/');
  const main = (await readFile(join(dir, 'refs', defaultRevision), 'utf8').catch(() => '')).trim();
  const snapshots = await readdir(join(dir, 'snapshots')).catch(() => [] as string[]);
  const pick = main && snapshots.includes(main) ? main : snapshots.length === 1 ? snapshots[0] : undefined;
  const where = pick
    ? `the snapshot ${join(dir, 'snapshots', pick)}`
    : `one of the snapshots in ${join(dir, 'snapshots')}`;
  return {
    message: `${dir} is a Hugging Face cache repo folder, not a model directory`,
    fix: `write \`model: ${repo}\` (resolved from the cache) or point \`model:\` at ${where}`,
  };
}
