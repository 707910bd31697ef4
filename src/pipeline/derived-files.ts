import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { studyLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { writeJsonAtomic } from '../results/atomic-write.js';

/** The study-level files derived from the run records, rebuilt rather than trusted when the plan changed. */
export type DerivedFile = 'observations' | 'summary';

type DerivedRecord = Partial<Record<DerivedFile, { plan: string; writtenAt: string }>>;

/** Identity of a plan for its derived files: sha256 of its sorted runIds (arms, seeds and every config that trains). */
export function planKey(runs: readonly Pick<RunSpec, 'runId'>[]): string {
  return createHash('sha256')
    .update(
      runs
        .map((r) => r.runId)
        .sort()
        .join('\n'),
    )
    .digest('hex');
}

async function readDerived(outputDir: string): Promise<DerivedRecord> {
  try {
    const value: unknown = JSON.parse(await readFile(studyLayout.derived(outputDir), 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {}; // missing or unreadable: nothing is known to match, so everything is rebuilt
  }
}

/**
 * True when `<output>/<kind>` is recorded as built for another plan than the one with this key, so
 * it must be rebuilt. A file with no record (written before derived.json existed, or placed there by
 * hand, e.g. exported observations) is used as it is: there is no plan to check it against.
 */
export async function derivedStale(outputDir: string, kind: DerivedFile, key: string): Promise<boolean> {
  const plan = (await readDerived(outputDir))[kind]?.plan;
  return plan !== undefined && plan !== key;
}

/** Records, after `<output>/<kind>` was written, the plan it was built for in `<output>/derived.json`. */
export async function recordDerived(outputDir: string, kind: DerivedFile, key: string): Promise<void> {
  const record = await readDerived(outputDir);
  record[kind] = { plan: key, writtenAt: new Date().toISOString() };
  await writeJsonAtomic(studyLayout.derived(outputDir), record);
}
