import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { fsWriteError } from '../errors/fs-write-error.js';
import { UserError } from '../errors/user-error.js';
import { HANG_FIX, type PromptError } from './eval-error-record.js';
import { makeEvalTempDir } from './temp-dirs.js';
import { workerFailure, type WorkerErrorLine } from './worker-error.js';
import { workerArgv } from './worker-location.js';
import { isolationJob, refKey, resumeJob, type PromptRef } from './worker-retry-jobs.js';
import {
  workerLineSchema,
  type WorkerGeneration,
  type WorkerInfo,
  type WorkerJob,
  type WorkerLoss,
} from './worker-protocol.js';
import type { WorkerThroughput } from './worker-protocol.js';

/** Everything the worker produced for one checkpoint, handed over once the checkpoint is complete. */
export interface CheckpointOutput {
  step: number;
  generations: WorkerGeneration[];
  /** Prompts the watchdog gave up on (hung every time): no generation, no score. */
  errors: PromptError[];
  loss: WorkerLoss | undefined;
  seconds: number;
  /** Model loads of the session so far and the worker's versions, when the checkpoint completed. */
  modelLoads: number;
  info: WorkerInfo | undefined;
  /** The worker's tokens/s and batch occupancy for this checkpoint, when it reports them. */
  throughput?: WorkerThroughput;
}

/** How the driver runs and watches the worker. */
export interface RunWorkerOptions {
  python: string;
  /** Kill a worker that prints nothing for this long (model load, loss computation). */
  watchdogS: number;
  /** Extra seconds past prompt_timeout_s without output before the prompts in flight count as hung. */
  promptMarginS?: number;
  /** Kills on one prompt running alone before it gets an error record instead of another retry. */
  maxPromptHangs?: number;
  /** Seconds between SIGTERM and SIGKILL. */
  graceS?: number;
  /** Restarts allowed in a row without a finished prompt. */
  maxStalledRestarts?: number;
  /** Worker stderr (and non-protocol stdout) is appended here. */
  logFile?: string;
  signal?: AbortSignal;
  /** Called, in order, each time a checkpoint is complete; awaited before the driver reports done. */
  onCheckpoint: (output: CheckpointOutput) => Promise<void>;
}

/** What a whole worker session (all restarts) did. */
export interface WorkerSessionResult {
  /** Model loads summed over all worker processes (1 unless the watchdog restarted it). */
  modelLoads: number;
  attempts: number;
  info: WorkerInfo | undefined;
  watchdogKills: number;
}

/**
 * Runs the eval worker for one job, reading its JSONL stream. The token budget (`max_tokens`) is the
 * only limit a generation has, so scores do not depend on the machine's load. Wall-clock limits are
 * a hang guard only: the watchdog kills a worker that stays silent longer than `watchdogS` (or, while
 * prompts are generating, longer than `prompt_timeout_s` plus a margin). The prompts in flight at a kill
 * are retried one at a time, so a hang costs only the prompt that hung; a prompt that hangs again
 * (`maxPromptHangs` times alone) gets an error record naming it, which the analysis treats as missing
 * data, never as a score. Every restart resumes after what already finished (`skip`).
 */
export async function runWorker(job: WorkerJob, opts: RunWorkerOptions): Promise<WorkerSessionResult> {
  const dir = await makeEvalTempDir('eval');
  // A failure of onCheckpoint or of the log (disk full) is caught the moment it happens, stops the
  // worker and is rethrown once it has exited: never left as a rejected promise nobody awaits.
  let failure: { error: unknown } | undefined;
  const stopWorker = new AbortController();
  const fail = (error: unknown) => {
    failure ??= { error };
    stopWorker.abort();
  };
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  log?.on('error', (error) => fail(fsWriteError(error, opts.logFile)));
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopWorker.signal]) : stopWorker.signal;
  const pending = new Map<number, CheckpointOutput>();
  const done = new Set<number>();
  const result: WorkerSessionResult = { modelLoads: 0, attempts: 0, info: undefined, watchdogKills: 0 };
  const hangs = new Map<string, number>();
  /** Prompts in flight at a kill, to be run alone before anything else. */
  let suspects: PromptRef[] = [];
  let stalled = 0;
  let chain = Promise.resolve();
  try {
    while (done.size < job.checkpoints.length) {
      result.attempts++;
      const isolating = suspects.length > 0;
      const spec = isolating ? isolationJob(job, suspects, done) : resumeJob(job, pending, done);
      const jobFile = join(dir, `job-${result.attempts}.json`);
      try {
        await writeFile(jobFile, JSON.stringify(spec));
      } catch (error) {
        throw fsWriteError(error, jobFile);
      }
      const attempt = await runOnce(jobFile, job.settings.prompt_timeout_s, { ...opts, signal }, log, (line) => {
        switch (line.type) {
          case 'worker_info':
            result.modelLoads += line.model_loads;
            result.info ??= line;
            break;
          case 'generation':
            stalled = 0;
            entry(pending, line.step).generations.push(line);
            suspects = suspects.filter((s) => refKey(s) !== refKey(line));
            break;
          case 'loss':
            entry(pending, line.step).loss = line;
            break;
          case 'checkpoint_done': {
            if (isolating) break; // the isolation job covers only some prompts of the checkpoint
            const { type: _type, step: _step, ...throughput } = line;
            const out = { ...entry(pending, line.step), modelLoads: result.modelLoads, info: result.info, throughput };
            done.add(line.step);
            pending.delete(line.step);
            chain = chain.then(() => (failure ? undefined : opts.onCheckpoint(out))).catch(fail);
            break;
          }
          default:
            break;
        }
      });
      await chain;
      if (failure) throw failure.error;
      if (opts.signal?.aborted) {
        throw new UserError('evaluation interrupted; completed checkpoints are kept', {
          exitCode: 130,
          fix: 're-run the same command to continue',
        });
      }
      if (attempt.error) throw workerFailure(attempt.error, opts.logFile);
      if (attempt.killed) {
        result.watchdogKills++;
        const inFlight = attempt.inFlight;
        if (inFlight.length === 0) {
          // Silent outside generation (model load, loss): nothing to blame, retry a few times.
          if (++stalled > (opts.maxStalledRestarts ?? 2)) {
            const see = opts.logFile ?? 'its stderr';
            throw new Error(`eval worker hung ${stalled} times in a row without finishing a prompt; see ${see}`);
          }
        } else if (inFlight.length > 1) {
          // A batch hung: which prompt is unknown, so each is retried alone; none is blamed yet.
          const known = new Set(suspects.map(refKey));
          suspects.push(...inFlight.filter((p) => !known.has(refKey(p))));
        } else {
          const hung = inFlight[0]!;
          const hangS = job.settings.prompt_timeout_s + (opts.promptMarginS ?? 30);
          const n = (hangs.get(refKey(hung)) ?? 0) + 1;
          hangs.set(refKey(hung), n);
          suspects = suspects.filter((s) => refKey(s) !== refKey(hung));
          if (n >= (opts.maxPromptHangs ?? 2)) {
            entry(pending, hung.step).errors.push({
              ...hung,
              kind: 'hang',
              attempts: n,
              fix: HANG_FIX,
              message: `hung the worker ${n} times (no output for ${hangS} s)`,
            });
          } else {
            suspects.unshift(hung);
          }
        }
        continue;
      }
      if (isolating && suspects.length === 0) continue;
      if (done.size < job.checkpoints.length) {
        throw new Error(
          `eval worker exited (code ${attempt.exitCode}) before finishing; stderr tail: ${attempt.stderrTail}`,
        );
      }
    }
    return result;
  } finally {
    log?.end();
    await rm(dir, { recursive: true, force: true });
  }
}

function entry(map: Map<number, CheckpointOutput>, step: number): CheckpointOutput {
  let e = map.get(step);
  if (!e) {
    e = { step, generations: [], errors: [], loss: undefined, seconds: 0, modelLoads: 0, info: undefined };
    map.set(step, e);
  }
  return e;
}

interface Attempt {
  killed: boolean;
  /** Prompts started and not finished (several when the worker batches). */
  inFlight: PromptRef[];
  error: WorkerErrorLine | undefined;
  exitCode: number | undefined;
  stderrTail: string;
}

async function runOnce(
  jobFile: string,
  promptTimeoutS: number,
  opts: RunWorkerOptions,
  log: NodeJS.WritableStream | undefined,
  onLine: (line: ReturnType<typeof workerLineSchema.parse>) => void,
): Promise<Attempt> {
  const [file, ...args] = workerArgv(opts.python);
  const child = execa(file!, [...args, jobFile], {
    env: { HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1', TOKENIZERS_PARALLELISM: 'false' },
    reject: false,
    buffer: { stdout: false, stderr: false },
    forceKillAfterDelay: (opts.graceS ?? 5) * 1000,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  const attempt: Attempt = { killed: false, inFlight: [], error: undefined, exitCode: undefined, stderrTail: '' };
  let timer: NodeJS.Timeout | undefined;
  const arm = (seconds: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      attempt.killed = true;
      child.kill('SIGTERM');
    }, seconds * 1000);
  };
  arm(opts.watchdogS);
  child.stderr?.on('data', (chunk: Buffer) => {
    log?.write(chunk);
    attempt.stderrTail = (attempt.stderrTail + chunk.toString()).slice(-2000);
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (text) => {
    let parsed;
    try {
      parsed = workerLineSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      log?.write(`[stdout] ${text}\n`);
      return;
    }
    const line = parsed.data;
    // Any progress re-arms the guard: a hang is silence, however slow the machine or long the batch.
    if (line.type === 'prompt_start') {
      attempt.inFlight.push({ step: line.step, prompt_id: line.prompt_id, repeat: line.repeat });
    } else if (line.type === 'generation') {
      attempt.inFlight = attempt.inFlight.filter((p) => refKey(p) !== refKey(line));
    } else if (line.type === 'error') {
      attempt.error = line;
    }
    arm(attempt.inFlight.length > 0 ? promptTimeoutS + (opts.promptMarginS ?? 30) : opts.watchdogS);
    onLine(line);
  });
  const done = await child;
  await new Promise<void>((resolve) => (lines.once('close', resolve), setTimeout(resolve, 1000)));
  clearTimeout(timer);
  attempt.exitCode = done.exitCode;
  return attempt;
}
