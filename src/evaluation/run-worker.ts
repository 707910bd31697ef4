import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { fsWriteError } from '../errors/fs-write-error.js';
import { UserError } from '../errors/user-error.js';
import { makeEvalTempDir } from './temp-dirs.js';
import { workerArgv } from './worker-location.js';
import { workerLineSchema, type WorkerGeneration, type WorkerInfo, type WorkerJob, type WorkerLoss } from './worker-protocol.js';
import type { WorkerThroughput } from './worker-protocol.js';

/** Everything the worker produced for one checkpoint, handed over once the checkpoint is complete. */
export interface CheckpointOutput {
  step: number;
  generations: WorkerGeneration[];
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
  /** Extra seconds past the per-prompt time limit before a prompt counts as hung. */
  promptMarginS?: number;
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
 * Runs the eval worker for one job, reading its JSONL stream. The watchdog kills a worker that
 * stays silent longer than `watchdogS` (or, while a prompt is generating, longer than the prompt's
 * time limit plus a margin), records the in-flight prompt as `timeout`, and restarts the worker
 * from the next prompt with a `skip` list, so one pathological prompt cannot stall a study.
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
  let stalled = 0;
  let chain = Promise.resolve();
  try {
    while (done.size < job.checkpoints.length) {
      result.attempts++;
      const remaining = job.checkpoints.filter((c) => !done.has(c.step));
      const skip = remaining.flatMap((c) => (pending.get(c.step)?.generations ?? []).map((g) => ({ step: g.step, prompt_id: g.prompt_id, repeat: g.repeat })));
      const skipLoss = remaining.filter((c) => pending.get(c.step)?.loss).map((c) => c.step);
      const jobFile = join(dir, `job-${result.attempts}.json`);
      const jobText = JSON.stringify({ ...job, checkpoints: remaining, skip, skip_loss: skipLoss });
      await writeFile(jobFile, jobText).catch((error: unknown) => Promise.reject(fsWriteError(error, jobFile)));
      const attempt = await runOnce(jobFile, job.settings.prompt_timeout_s, { ...opts, signal }, log, (line) => {
        switch (line.type) {
          case 'worker_info':
            result.modelLoads += line.model_loads;
            result.info ??= line;
            break;
          case 'generation':
            stalled = 0;
            entry(pending, line.step).generations.push(line);
            break;
          case 'loss':
            entry(pending, line.step).loss = line;
            break;
          case 'checkpoint_done': {
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
        throw new UserError('evaluation interrupted; completed checkpoints are kept', { exitCode: 130, fix: 're-run the same command to continue' });
      }
      if (attempt.error) {
        const e = attempt.error;
        if (e.kind === 'provenance') throw new UserError(e.message, { fix: 're-run training for this run, or restore the checkpoint file it recorded' });
        throw new Error(`eval worker failed (${e.kind}): ${e.message}`);
      }
      if (attempt.killed) {
        result.watchdogKills++;
        for (const { step, prompt_id, repeat } of attempt.inFlight) {
          const ckpt = job.checkpoints.find((c) => c.step === step)!;
          entry(pending, step).generations.push({
            type: 'generation', step, prompt_id, repeat, checkpoint_file: ckpt.file, checkpoint_sha256: ckpt.sha256,
            output: '', tokens: 0, seconds: attempt.inFlightSeconds, finish_reason: 'timeout', watchdog: true,
          });
        }
        if (++stalled > (opts.maxStalledRestarts ?? 2)) {
          throw new Error(`eval worker hung ${stalled} times in a row without finishing a prompt; see ${opts.logFile ?? 'its stderr'}`);
        }
        continue;
      }
      if (done.size < job.checkpoints.length) {
        throw new Error(`eval worker exited (code ${attempt.exitCode}) before finishing; stderr tail: ${attempt.stderrTail}`);
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
  if (!e) map.set(step, (e = { step, generations: [], loss: undefined, seconds: 0, modelLoads: 0, info: undefined }));
  return e;
}

interface Attempt {
  killed: boolean;
  /** Prompts started and not finished (several when the worker batches). */
  inFlight: { step: number; prompt_id: string; repeat: number }[];
  inFlightSeconds: number;
  error: { kind: string; message: string } | undefined;
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
  const attempt: Attempt = { killed: false, inFlight: [], inFlightSeconds: 0, error: undefined, exitCode: undefined, stderrTail: '' };
  let started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const arm = (seconds: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      attempt.killed = true;
      attempt.inFlightSeconds = (Date.now() - started) / 1000;
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
    if (line.type === 'prompt_start') {
      if (attempt.inFlight.length === 0) started = Date.now();
      attempt.inFlight.push({ step: line.step, prompt_id: line.prompt_id, repeat: line.repeat });
      arm(promptTimeoutS + (opts.promptMarginS ?? 30));
    } else {
      if (line.type === 'generation') {
        const g = line;
        attempt.inFlight = attempt.inFlight.filter((p) => !(p.step === g.step && p.prompt_id === g.prompt_id && p.repeat === g.repeat));
        if (attempt.inFlight.length > 0) return onLine(line); // the batch's time limit is still running
      }
      if (line.type === 'error') attempt.error = { kind: line.kind, message: line.message };
      arm(opts.watchdogS);
    }
    onLine(line);
  });
  const done = await child;
  await new Promise<void>((resolve) => (lines.once('close', resolve), setTimeout(resolve, 1000)));
  clearTimeout(timer);
  attempt.exitCode = done.exitCode;
  return attempt;
}
