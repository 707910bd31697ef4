import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Offline lookups in the local Hugging Face hub cache, following huggingface_hub 2.4's own rules
 * (constants.py, file_download.repo_folder_name, _snapshot_download's offline branch), so a model
 * `hf download` fetched is found where huggingface_hub itself would look. Never touches the network.
 */

/** The revision huggingface_hub uses when none is given (constants.DEFAULT_REVISION). */
export const defaultRevision = 'main';

/** A full commit hash (file_download.REGEX_COMMIT_HASH): used directly as `snapshots/<commit>`. */
const commitHash = /^[0-9a-f]{40}$/;

/**
 * The hub cache directory, as huggingface_hub's constants compute it: `HF_HUB_CACHE`, else the legacy
 * `HUGGINGFACE_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`, else
 * `~/.cache/huggingface/hub`; `~` and `$VAR` expanded like os.path.expanduser/expandvars. An empty
 * variable counts as unset.
 */
export function hfHubCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const get = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const hfHome = expand(get('HF_HOME') ?? join(get('XDG_CACHE_HOME') ?? join(homedir(), '.cache'), 'huggingface'), env);
  return expand(get('HF_HUB_CACHE') ?? get('HUGGINGFACE_HUB_CACHE') ?? join(hfHome, 'hub'), env);
}

/** `~`, `~/...`, `$VAR` and `${VAR}` expanded; unknown variables stay as written (as in Python). */
function expand(path: string, env: NodeJS.ProcessEnv): string {
  const home = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  return home.replace(
    /\$(\w+)|\$\{([^}]+)\}/g,
    (whole, a: string | undefined, b: string | undefined) => env[a ?? b!] ?? whole,
  );
}

/** The cache folder name of a repo: `models--org--name` (file_download.repo_folder_name: every `/` → `--`). */
export function repoFolderName(repoId: string, repoType: 'model' | 'dataset' = 'model'): string {
  return [`${repoType}s`, ...repoId.split('/')].join('--');
}

/** A repo revision found in the cache. */
export interface CachedSnapshot {
  /** `<cache>/models--org--name/snapshots/<commit>`. */
  snapshot: string;
  commit: string;
}

/** Why a cached revision was not found, worded for a UserError. */
export interface CacheMiss {
  /** What is missing: the whole repo folder, the `refs/<revision>` file, or the snapshot folder. */
  missing?: 'repo' | 'revision' | 'snapshot';
  message: string;
  fix: string;
}

/**
 * The snapshot directory of `repoId` at `revision` (a branch, tag or 40-hex commit): a commit is used
 * directly, anything else is read from `refs/<revision>` (the file holds the commit hash), as
 * snapshot_download does offline. A miss says what is missing and the `hf download` command that fetches it.
 */
export async function findCachedSnapshot(
  repoId: string,
  revision: string,
  cacheDir: string,
): Promise<CachedSnapshot | CacheMiss> {
  const repoDir = join(cacheDir, repoFolderName(repoId));
  const download = `hf download ${repoId}${revision === defaultRevision ? '' : ` --revision ${revision}`}`;
  const fetchFix =
    `seedstudy never downloads: run \`${download}\` (huggingface_hub's CLI, in the venv),` + ' then try again';
  if (!(await isDir(repoDir))) {
    return {
      missing: 'repo',
      message: `the Hugging Face repo ${repoId} is not in the local cache (no ${repoDir})`,
      fix: fetchFix,
    };
  }
  let commit = revision;
  if (!commitHash.test(revision)) {
    const ref = join(repoDir, 'refs', revision);
    const text = await readFile(ref, 'utf8').catch(() => undefined);
    if (text === undefined) {
      return {
        missing: 'revision',
        message: `revision "${revision}" of ${repoId} is not in the local cache (no ${ref})`,
        fix: fetchFix,
      };
    }
    commit = text.trim();
  }
  const snapshot = join(repoDir, 'snapshots', commit);
  if (!(await isDir(snapshot))) {
    return {
      missing: 'snapshot',
      message: `commit ${commit} of ${repoId} is not in the local cache (no ${snapshot})`,
      fix: fetchFix,
    };
  }
  return { snapshot, commit };
}

/** Whether `path` is a directory (following symlinks). */
export async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
