import { setTimeout as sleep } from 'node:timers/promises';
import type { StudyProgress } from './study-progress.js';

/** Options of `watchStatus`. */
export interface WatchOptions<T> {
  /** Seconds between refreshes. */
  intervalS: number;
  signal?: AbortSignal;
  onUpdate: (snapshot: T) => void | Promise<void>;
}

/** True when no run is left to train or evaluate (failed runs are not waited for). */
export function studyFinished(p: StudyProgress): boolean {
  const s = p.stages;
  return s.pending + s.training + s.trained + s.evaluating + s.stale === 0;
}

/**
 * `status --watch`: reads the study's state every `intervalS` seconds and hands each snapshot to
 * `onUpdate`, until the study has nothing left to do or the signal aborts. Read-only, like `status`.
 */
export async function watchStatus<T extends { status: { progress: StudyProgress } }>(
  read: () => Promise<T>,
  options: WatchOptions<T>,
): Promise<T> {
  for (;;) {
    const snapshot = await read();
    await options.onUpdate(snapshot);
    if (studyFinished(snapshot.status.progress) || options.signal?.aborted) return snapshot;
    try {
      await sleep(options.intervalS * 1000, undefined, { signal: options.signal });
    } catch {
      return snapshot; // aborted while waiting
    }
  }
}
