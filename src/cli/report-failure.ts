import { isUserError } from '../errors/user-error.js';

/** Prints an error the way the CLI promises (one paragraph for user errors, a stack for bugs) and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (isUserError(error)) {
    console.error(`seedstudy: ${error.format()}`);
    return error.exitCode;
  }
  console.error('seedstudy: internal error (this is a bug, please report it):');
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}
