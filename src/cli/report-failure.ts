import { fsWriteError } from '../errors/fs-write-error.js';
import { isUserError } from '../errors/user-error.js';

/**
 * Prints an error the way the CLI promises (one paragraph for user errors, a stack for bugs) and returns the exit code.
 */
export function reportFailure(thrown: unknown): number {
  // A full or read-only disk that no stage boundary caught is still the environment, not a bug.
  const error = fsWriteError(thrown);
  if (isUserError(error)) {
    console.error(`seedstudy: ${error.format()}`);
    return error.exitCode;
  }
  console.error('seedstudy: internal error (this is a bug, please report it):');
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}
