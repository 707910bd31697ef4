import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../errors/user-error.js';
import { repoRoot } from '../study/repo-root.js';
import { setupVenvDir } from './python.js';

/** The idempotent venv installer (pinned mlx-lm[cpu] on Linux, mlx-lm on macOS). */
export const setupScript: string = join(repoRoot, 'scripts', 'setup-venv.sh');

/** Options of `runSetup`; `venv` defaults to setupVenvDir() (the checkout's .venv, else the per-user venv). */
export interface SetupOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  script?: string;
  venv?: string;
}

/**
 * `seedstudy setup`: runs scripts/setup-venv.sh with the terminal attached, so pip's
 * progress is visible. Fails with a UserError (not a stack) when the script fails.
 * Returns the venv directory it made or checked.
 */
export async function runSetup(options: SetupOptions = {}): Promise<string> {
  const script = options.script ?? setupScript;
  const venv = options.venv ?? setupVenvDir();
  const present = await stat(script).then(
    () => true,
    () => false,
  );
  if (!present)
    throw new UserError(`setup script not found: ${script}`, { fix: 'reinstall seedstudy; the script ships with it' });
  const result = await execa('bash', [script, venv], {
    cwd: repoRoot,
    stdio: 'inherit',
    reject: false,
    timeout: options.timeoutMs ?? 30 * 60_000,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  if (result.failed) {
    throw new UserError(
      `the environment setup failed (${result.isCanceled ? 'cancelled' : result.timedOut ? 'timed out' : `exit code ${result.exitCode ?? result.signal}`})`,
      {
        fix: 'read the output above; a network error means pip could not reach PyPI, retry when online',
        exitCode: result.isCanceled ? 130 : 1,
      },
    );
  }
  return venv;
}
