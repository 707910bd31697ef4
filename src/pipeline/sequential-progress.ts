import type { SequentialRecord } from '../results/sequential-record.js';
import type { Study } from '../study/study.js';
import { sequentialDesignHash } from '../plan/sequential-design-hash.js';
import { readSequentialRecord } from './sequential-lock.js';

/** The looks a sequential study has taken so far, for `plan` and `status`. */
export interface SequentialProgress {
  record: SequentialRecord;
  /** Looks planned. */
  looks: number;
  /** Whether the study file's design still has the hash locked at the first look. */
  designMatches: boolean;
}

/**
 * What sequential.json says so far, with whether the study file still matches the locked design
 * (a `run` would refuse otherwise); undefined for a fixed design or before the first look. An
 * unreadable record is left to `run` to refuse: a reader shows nothing.
 */
export async function sequentialProgress(study: Study): Promise<SequentialProgress | undefined> {
  if (!study.sequential) return undefined;
  const record = await readSequentialRecord(study.outputDir).catch(() => undefined);
  if (!record || record.looks.length === 0) return undefined;
  return {
    record,
    looks: study.sequential.looks.length,
    designMatches: record.designHash === sequentialDesignHash(study),
  };
}

/** The look that stopped the study, once it has stopped (a stop decision, or the last look taken). */
export function stoppingLook(p: SequentialProgress | undefined): SequentialRecord['looks'][number] | undefined {
  const last = p?.record.looks[p.record.looks.length - 1];
  return last && (last.decision.startsWith('stop') || last.look >= p.looks) ? last : undefined;
}
