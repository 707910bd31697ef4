import type { StudyProgress } from '../pipeline/study-progress.js';
import { studyProgressLine } from '../wording/progress.js';
import { fitWidth, progressBar, type ProgressStyle } from './progress-style.js';

/** The whole-study line of `seedstudy run`, and during evaluation its progress bar. */
export interface StudyProgressDisplay {
  /** A new snapshot; `evaluating` draws the bar of checkpoint evaluations. */
  update(progress: StudyProgress, evaluating: boolean): void;
  /** A permanent line (printed above the live line on a terminal). */
  print(line: string): void;
  /** The current whole-study line, for the train renderer's live block. */
  current(): string | undefined;
  /** Removes the live line. */
  finish(): void;
}

/** `[bar] 4 runs: … · checkpoint evaluations 3/12 · ETA ~1m (estimate)`: the line `status` prints too. */
export function studyLine(p: StudyProgress, style: ProgressStyle): string {
  const f = p.evaluations.total > 0 ? p.evaluations.done / p.evaluations.total : 0;
  return `${progressBar(f, 20, style)} ${studyProgressLine(p)}`;
}

/**
 * On a terminal, the line is redrawn in place under the permanent lines while evaluating (the
 * train renderer shows it in its own block while training); in plain output it is printed when it
 * changes, as one more line of the log.
 */
export function createStudyProgressDisplay(
  out: NodeJS.WritableStream & { columns?: number },
  style: ProgressStyle,
): StudyProgressDisplay {
  let line: string | undefined;
  let printed: string | undefined;
  let drawn = false;
  const width = () => Math.max(40, (out.columns || 100) - 1);
  const clear = () => {
    if (drawn) out.write('\x1b[1A\x1b[2K');
    drawn = false;
  };
  const draw = () => {
    if (line === undefined) return;
    out.write(`${fitWidth(`  ${line}`, width())}\n`);
    drawn = true;
  };
  let live = false;
  return {
    update(progress, evaluating) {
      line = studyLine(progress, style);
      live = style.live && evaluating;
      if (live) {
        clear();
        draw();
      } else if (!style.live && line !== printed) {
        out.write(`  ${line}\n`);
        printed = line;
      }
    },
    print(text) {
      if (live) clear();
      out.write(`${text}\n`);
      if (live) draw();
    },
    current: () => line,
    finish() {
      if (live) clear();
      live = false;
    },
  };
}
