import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { stripAnsi } from './strip-ansi.js';

/** How to run one trainer process and watch it. */
export interface TrainerProcessOptions {
  /** argv: program then arguments (never a shell string). */
  argv: readonly string[];
  cwd: string;
  /** Added to the inherited environment. */
  env: Record<string, string>;
  /** stdout and stderr are appended here line by line, ANSI codes stripped. */
  logPath: string;
  /** Stop the trainer when it prints nothing for this long. */
  stallTimeoutS: number;
  /** Seconds between SIGTERM and SIGKILL when stopping. */
  graceS: number;
  /** Aborting stops the trainer (Ctrl-C of seedstudy). */
  signal?: AbortSignal;
  /** Each ANSI-stripped output line, stdout and stderr alike, as it arrives. */
  onLine?: (line: string) => void;
  onSpawn?: (pid: number) => void;
}

/** How the trainer process ended; one shape whatever happened. */
export interface TrainerProcessResult {
  exitCode: number | null;
  signal: string | null;
  stalled: boolean;
  cancelled: boolean;
  durationS: number;
  pid: number | null;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  spawnError: string | null;
  /** The last output lines (for the error excerpt). */
  tail: string[];
  /** The log could not be written (disk full, read-only): the trainer was stopped; the caller reports it. */
  logError?: unknown;
}

const TAIL_LINES = 200;

/**
 * Runs a trainer in its own process group (so Ctrl-C on the terminal reaches only seedstudy,
 * which then stops the trainer and anything it spawned: SIGTERM, then SIGKILL after graceS),
 * tees its output to the log, and stops it when it stalls or the caller cancels.
 */
export async function runTrainerProcess(options: TrainerProcessOptions): Promise<TrainerProcessResult> {
  const [file, ...args] = options.argv;
  if (!file) throw new Error('runTrainerProcess: empty argv');
  const started = performance.now();
  const log = createWriteStream(options.logPath, { flags: 'a' });
  const tail: string[] = [];
  let logError: unknown;
  let stalled = false;
  let cancelled = false;
  let forceTimer: NodeJS.Timeout | undefined;

  const sub = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    detached: true,
    cleanup: true,
  });
  const pid = sub.pid ?? null;
  if (pid !== null) options.onSpawn?.(pid);

  const killGroup = (sig: NodeJS.Signals) => {
    if (pid === null) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        sub.kill(sig);
      } catch {
        /* already gone */
      }
    }
  };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    killGroup('SIGTERM');
    forceTimer = setTimeout(() => killGroup('SIGKILL'), options.graceS * 1000);
  };
  // A log that cannot be written (ENOSPC, EROFS) must not crash seedstudy and orphan the trainer:
  // stop the trainer, and let the caller record the run and report the cause.
  log.on('error', (error) => {
    logError ??= error;
    stop();
  });
  const write = (text: string) => {
    if (!log.destroyed) log.write(text);
  };
  const stallTimer = setTimeout(() => {
    stalled = true;
    stop();
  }, options.stallTimeoutS * 1000);
  const onAbort = () => {
    cancelled = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const watch = (stream: Readable | null) => {
    if (!stream) return Promise.resolve();
    stream.on('data', () => {
      if (!stopping) stallTimer.refresh();
    });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (raw) => {
      const line = stripAnsi(raw);
      write(`${line}\n`);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.onLine?.(line);
    });
    return once(lines, 'close').then(() => undefined);
  };
  const drained = Promise.all([watch(sub.stdout), watch(sub.stderr)]);

  const result = await sub;
  await drained;
  clearTimeout(stallTimer);
  if (forceTimer) clearTimeout(forceTimer);
  options.signal?.removeEventListener('abort', onAbort);
  const exitCode = typeof result.exitCode === 'number' ? result.exitCode : null;
  const signal = result.signal ?? null;
  const spawnError =
    exitCode === null && signal === null ? result.originalMessage || result.message || 'could not start' : null;
  if (spawnError) write(`seedstudy: could not start ${file}: ${spawnError}\n`);
  if (!log.closed) {
    const closed = once(log, 'close');
    log.end();
    await closed.catch(() => undefined); // a failed write already stopped the trainer and is in logError
  }
  return {
    exitCode,
    signal,
    stalled,
    cancelled,
    durationS: (performance.now() - started) / 1000,
    pid,
    spawnError,
    tail,
    logError,
  };
}
