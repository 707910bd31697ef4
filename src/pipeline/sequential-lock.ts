import { readFile } from 'node:fs/promises';
import { UserError } from '../errors/user-error.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import {
  sequentialRecordFile,
  sequentialRecordSchema,
  type SequentialLook,
  type SequentialRecord,
} from '../results/sequential-record.js';
import type { Study } from '../study/study.js';

/**
 * The pre-registration lock of a sequential study: sequential.json holds the design hash taken at the
 * first look and every completed look. Reading it refuses a design edited after looking (that is
 * choosing the test after seeing the data) unless the user forces a redesign, which stays on record.
 * Only completed looks are ever written, each by one atomic replace, so a kill anywhere resumes the
 * look in progress and never records a look twice.
 */

/** sequential.json as it is (undefined before the first look); a UserError when it is unreadable. */
export async function readSequentialRecord(outputDir: string): Promise<SequentialRecord | undefined> {
  const file = sequentialRecordFile(outputDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = sequentialRecordSchema.safeParse(raw);
  if (!parsed.success)
    throw new UserError('the record of the sequential looks is not valid', {
      file,
      fix: 'restore it from a backup; deleting it forgets the looks already taken and unlocks the design',
    });
  return parsed.data;
}

/** What the runner starts from: the record so far, checked against the study's current design. */
export interface LockedDesign {
  /** The record to append to (a fresh one, not yet written, before the first look). */
  record: SequentialRecord;
  /** True when --force-redesign replaced a different locked hash (recorded in `redesigns`). */
  redesigned: boolean;
}

/**
 * The record to continue, refusing a design that differs from the one locked at the first look unless
 * `forceRedesign`. A record with no look yet does not lock anything.
 */
export async function lockedDesign(
  study: Study,
  designHash: string,
  fixedDesignSeeds: number | null,
  forceRedesign: boolean,
  now: () => Date = () => new Date(),
): Promise<LockedDesign> {
  const question = study.sequential!.question;
  const existing = await readSequentialRecord(study.outputDir);
  if (!existing || existing.looks.length === 0) {
    const at = now().toISOString();
    return {
      record: {
        schemaVersion: 1,
        question,
        designHash,
        lockedAt: at,
        redesigns: existing?.redesigns ?? [],
        looks: [],
        fixedDesignSeeds,
      },
      redesigned: false,
    };
  }
  if (existing.designHash === designHash) return { record: existing, redesigned: false };
  const file = sequentialRecordFile(study.outputDir);
  const n = existing.looks.length;
  if (!forceRedesign)
    throw new UserError(
      `the sequential design changed after ${n} look${n === 1 ? '' : 's'} were taken (locked ${existing.lockedAt} in ${file} as ${existing.designHash.slice(0, 12)}, now ${designHash.slice(0, 12)}); editing a pre-registered design after looking at the data is choosing the test after seeing the results (p-hacking)`,
      {
        file: study.file,
        keyPath: 'sequential',
        fix: `restore the design as it was at the first look (the \`sequential:\` block, \`analysis.checkpoint\`, \`analysis.pass_threshold\` and the first seeds of \`seeds\`), or rerun with --force-redesign to continue under the new design, which is recorded in ${file}`,
      },
    );
  const at = now().toISOString();
  const record: SequentialRecord = {
    ...existing,
    question,
    designHash,
    fixedDesignSeeds,
    redesigns: [...existing.redesigns, { at, from: existing.designHash, to: designHash }],
  };
  await writeJsonAtomic(file, record);
  return { record, redesigned: true };
}

/** Appends a completed look to the record (one atomic replace of sequential.json); the new record. */
export async function appendLook(
  outputDir: string,
  record: SequentialRecord,
  look: SequentialLook,
): Promise<SequentialRecord> {
  // The design is locked when the first look is recorded.
  const lockedAt = record.looks.length === 0 ? look.at : record.lockedAt;
  const next: SequentialRecord = { ...record, lockedAt, looks: [...record.looks, look] };
  await writeJsonAtomic(sequentialRecordFile(outputDir), sequentialRecordSchema.parse(next));
  return next;
}
