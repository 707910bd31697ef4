import type { RunRef, TrainEvent } from '../launch/events.js';
import type { RetrainReason } from '../launch/retrain-reason.js';
import { duration } from '../wording/numbers.js';
import { fitWidth } from './progress-style.js';

/** Renders training events for a person: a live block on a terminal, one line per event otherwise. */
export interface TrainRenderer {
  handle(event: TrainEvent): void;
  /** Removes the live block (before the summary is printed). */
  finish(): void;
  /** A last line for the live block (the whole-study line with its ETA); plain output prints it itself. */
  setFooter(line: string | undefined): void;
}

interface Live {
  ref: RunRef;
  iteration: number;
  total: number;
  trainLoss: number | null | undefined;
  valLoss: number | null | undefined;
  startMs: number;
}

const name = (r: RunRef) => `${r.arm}/seed-${r.seed}`;
const fmtLoss = (x: number | null | undefined) => (x === undefined ? '-' : x === null ? 'nan' : x.toFixed(3));

/** `1h02m`, `3m05s`, `42s`: durations people read at a glance (wording/numbers.ts). */
export const formatDuration = (s: number): string => duration(s);

function endLine(e: Extract<TrainEvent, { type: 'run-end' }>): string {
  const r = e.record;
  const took = r.durationS === null ? '' : ` in ${formatDuration(r.durationS)}`;
  if (r.status === 'succeeded')
    return `✓ ${name(e.run)} succeeded${took} (${r.checkpoints.length} checkpoints, last iteration ${r.lastIteration ?? '?'})`;
  if (r.status === 'interrupted') return `■ ${name(e.run)} interrupted${took}`;
  return `✗ ${name(e.run)} failed${took}: ${r.failureReason ?? r.exitDescription ?? 'failed'} (log: ${r.logPath})`;
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;
const changed = (step: number) => `checkpoint ${step} changed since it was trained`;

/** Why a run is trained again, in words ("checkpoint 40 changed since it was trained (sha256 ab12… → cd34…)"). */
export function describeRetrainReason(r: RetrainReason): string {
  switch (r.kind) {
    case 'new':
      return 'not trained yet';
    case 'force':
      return '--force';
    case 'status':
      return `its last attempt ended ${r.status}`;
    case 'checkpoint-missing':
      return `checkpoint ${r.step} is missing (${r.file})`;
    case 'checkpoint-size':
      return `${changed(r.step)} (${r.recordedBytes} → ${r.actualBytes} bytes, ${r.file})`;
    case 'checkpoint-changed':
      return `${changed(r.step)} (sha256 ${short(r.recorded)} → ${short(r.actual)}, ${r.file})`;
  }
}

function eventLine(e: TrainEvent): string | undefined {
  switch (e.type) {
    case 'sweep-start':
      return `training ${e.toRun} of ${e.total} runs (${e.skipped} already succeeded), ${e.concurrency} at a time`;
    case 'run-skip':
      return `- ${name(e.run)} skipped: ${e.reason}`;
    case 'run-retrain':
      return `↻ ${name(e.run)} will be trained again from scratch: ${describeRetrainReason(e.reason)}`;
    case 'run-recovered':
      return `! ${name(e.run)} was left running by a dead seedstudy: now interrupted, will retrain (${e.detail})`;
    case 'run-start':
      return `▶ ${name(e.run)} started (attempt ${e.attempt}, ${e.totalIters} iterations), log: ${e.logPath}`;
    case 'run-end':
      return endLine(e);
    case 'seed-warning':
      return `WARNING: arm "${e.arm}": ${e.reason}. Every seed is the same run, so this study cannot measure seed variance.`;
    case 'interrupt':
      return `received ${e.signal}: stopping the trainers (SIGTERM, then SIGKILL after the grace period)...`;
    default:
      return undefined;
  }
}

/**
 * Creates the renderer. On a TTY the running runs are redrawn in place (iteration/total, losses,
 * ETA, overall progress), at most every 150 ms; permanent lines scroll above them. Without a TTY
 * (CI, pipes, Slurm logs) each notable event is one plain line and checkpoints carry the loss.
 */
export function createTrainRenderer(out: NodeJS.WritableStream & { columns?: number }, tty: boolean): TrainRenderer {
  const live = new Map<string, Live>();
  let total = 0;
  let done = 0;
  let failed = 0;
  let drawn = 0;
  let footer: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(40, (out.columns || 100) - 1);

  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    timer = undefined;
    clear();
    const lines: string[] = [];
    for (const l of live.values()) {
      const elapsed = (Date.now() - l.startMs) / 1000;
      const eta = l.iteration > 0 ? formatDuration((elapsed / l.iteration) * (l.total - l.iteration)) : '?';
      const frac = l.total > 0 ? Math.min(1, l.iteration / l.total) : 0;
      const bar = '█'.repeat(Math.round(frac * 20)).padEnd(20, '░');
      lines.push(
        `  ${name(l.ref).padEnd(16)} ${`${l.iteration}/${l.total}`.padStart(11)}  loss ${fmtLoss(l.trainLoss)}  val ${fmtLoss(l.valLoss)}  ETA ${eta.padEnd(6)} ${bar}`,
      );
    }
    lines.push(`  ${done}/${total} runs done${failed ? `, ${failed} failed` : ''}`);
    const w = width();
    const cut = lines.map((s) => (s.length > w ? s.slice(0, w) : s));
    if (footer !== undefined) cut.push(fitWidth(`  ${footer}`, w));
    out.write(cut.join('\n') + '\n');
    drawn = cut.length;
  };
  const schedule = () => {
    timer ??= setTimeout(draw, 150);
  };
  const print = (line: string) => {
    if (tty) {
      clear();
      out.write(`${line}\n`);
      schedule();
    } else out.write(`${line}\n`);
  };

  return {
    handle(e) {
      switch (e.type) {
        case 'sweep-start':
          total = e.toRun;
          break;
        case 'run-start':
          live.set(e.run.runId, {
            ref: e.run,
            iteration: 0,
            total: e.totalIters,
            trainLoss: undefined,
            valLoss: undefined,
            startMs: Date.now(),
          });
          break;
        case 'run-progress': {
          const l = live.get(e.run.runId);
          if (l)
            Object.assign(l, {
              iteration: e.iteration,
              total: e.totalIters,
              trainLoss: e.trainLoss,
              valLoss: e.valLoss,
            });
          if (tty) schedule();
          return;
        }
        case 'run-checkpoint': {
          if (tty) return schedule();
          const l = live.get(e.run.runId);
          out.write(
            `  ${name(e.run)} checkpoint ${e.step} (loss ${fmtLoss(l?.trainLoss)}, last val ${fmtLoss(l?.valLoss)})\n`,
          );
          return;
        }
        case 'run-end':
          live.delete(e.run.runId);
          done++;
          if (e.record.status !== 'succeeded') failed++;
          break;
      }
      const line = eventLine(e);
      if (line !== undefined) print(line);
      else if (tty) schedule();
    },
    setFooter(line) {
      footer = line;
      if (tty) schedule();
    },
    finish() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (tty) clear();
    },
  };
}
