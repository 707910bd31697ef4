import { UserError } from './user-error.js';

/** errno codes that mean the disk is full. */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);
/** errno codes that mean the place cannot be written at all. */
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** True for a Node errno error whose code says the environment (disk full, read-only), not the code, is at fault. */
export function isEnvironmentFsError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && (NO_SPACE.has(code) || NOT_WRITABLE.has(code));
}

/**
 * Turns an fs write failure caused by the environment (ENOSPC, EDQUOT, EACCES, EPERM, EROFS) into a
 * UserError naming the path and the cause (exit 2), so a full or read-only disk is never reported as
 * a bug; any other error, and a UserError, is returned unchanged. `path` is the file being written
 * (Node leaves it out of errors from writes on an open file); the error's own path is the fallback.
 */
export function fsWriteError(error: unknown, path?: string): unknown {
  if (!isEnvironmentFsError(error)) return error;
  const where = path ?? error.path ?? '(unknown path)';
  if (NO_SPACE.has(error.code!)) {
    return new UserError(`no space left on device writing ${where}`, {
      fix: 'free space on that disk (or point `output:` / --to elsewhere), then run the same command again',
      cause: error,
    });
  }
  return new UserError(`cannot write ${where} (read-only or permission denied)`, {
    fix: 'make that directory writable (or point `output:` / --to elsewhere), then run the same command again',
    cause: error,
  });
}
