/**
 * A mistake the user can fix (bad study file, missing data, refused operation).
 * The CLI prints it as one paragraph without a stack and exits with code 2; anything
 * else is a bug and prints its stack with exit code 1.
 */
export class UserError extends Error {
  /** The file the problem is in, when there is one. */
  readonly file: string | undefined;
  /** Dotted key path inside that file (e.g. `arms[1].train.learning_rate`). */
  readonly keyPath: string | undefined;
  /** 1-based line in the file, when known. */
  readonly line: number | undefined;
  /** What to do about it, in one sentence. */
  readonly fix: string | undefined;
  /** Exit code; 2 for bad input, 130 for interruption, etc. */
  readonly exitCode: number;

  constructor(
    message: string,
    options: { file?: string; keyPath?: string; line?: number; fix?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.file = options.file;
    this.keyPath = options.keyPath;
    this.line = options.line;
    this.fix = options.fix;
    this.exitCode = options.exitCode ?? 2;
  }

  /** The one paragraph the CLI prints: `file:line: key: message. Fix: ...`. */
  format(): string {
    const where = [this.file && (this.line ? `${this.file}:${this.line}` : this.file), this.keyPath]
      .filter(Boolean)
      .join(': ');
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.fix ? `${head}\n  fix: ${this.fix}` : head;
  }
}

/** True for errors that should be shown to the user without a stack trace. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
