import type { GenerationRecord } from '../../results/generation-record.js';
import type { SuitePrompt } from '../suite-schema.js';

/** What a scorer sees for one generated answer: the suite prompt and the stored generation. */
export interface ScoreItem {
  /** Stable key: the prompt id, with `#r<repeat>` appended for repeats after the first. */
  id: string;
  prompt: SuitePrompt;
  generation: Pick<GenerationRecord, 'output' | 'finish_reason' | 'prompt_id' | 'repeat' | 'step'> &
    Partial<GenerationRecord>;
}

/** A scorer's answer for one item: a fraction in [0, 1], why, and which failure class it falls in. */
export interface Verdict {
  score: number;
  reason: string;
  failure_class: string;
}

/** A scorer scores a whole checkpoint's items at once (the external scorer runs one process per batch). */
export interface Scorer {
  kind: string;
  score(items: readonly ScoreItem[]): Promise<Verdict[]>;
}

/** Builds a batch scorer from a per-item pure function. */
export function perItem(kind: string, fn: (item: ScoreItem) => Verdict): Scorer {
  // The executor turns a throwing fn into a rejection, as an async function would.
  return { kind, score: (items) => new Promise((resolve) => resolve(items.map(fn))) };
}

/** Key of one item: prompt id, plus `#r<repeat>` for repeats after the first. */
export function itemId(promptId: string, repeat: number): string {
  return repeat === 0 ? promptId : `${promptId}#r${repeat}`;
}

/** The class of an answer that did not match, given how its generation ended ('timeout': older records only). */
export function unmatchedClass(finish: GenerationRecord['finish_reason'], fallback: string): string {
  return finish === 'timeout' ? 'timeout' : finish === 'length' ? 'truncated' : fallback;
}
