import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { studyLayout } from '../plan/run-layout.js';
import { writeJsonAtomic } from '../results/atomic-write.js';
import type { Study } from '../study/study.js';

/**
 * `<output>/study.json`: the study an output directory belongs to. "The same study" is the same
 * `name`: the file may be edited (arms or seeds added, settings changed: the runIds say what must
 * be redone), moved or copied, but a study with another name is another study and is refused, so
 * one study's observations.jsonl and summary.json are never taken over by another's.
 */
const ownerSchema = z.object({
  schemaVersion: z.literal(1),
  study: z.string(),
  /** The study file that last wrote here, its sha256 and arms (for the refusal message and provenance). */
  file: z.string(),
  fileSha256: z.string(),
  arms: z.array(z.string()),
  claimedAt: z.string(),
});

/** Who owns an output directory, as recorded in its study.json. */
export type OutputOwner = z.infer<typeof ownerSchema>;

/** The recorded owner of `outputDir`, or undefined when none is recorded (a new or pre-ownership directory). */
export async function readOutputOwner(outputDir: string): Promise<OutputOwner | undefined> {
  const file = studyLayout.owner(outputDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed;
  try {
    parsed = ownerSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    throw new UserError("the output directory's owner record is not valid", {
      file,
      fix: 'delete it if this output directory belongs to the study you are running; it is rewritten at the next write',
    });
  }
  return parsed.data;
}

/** Throws a UserError (exit 2) naming both studies and files when `outputDir` belongs to another study. */
export async function assertOutputOwner(study: Study): Promise<OutputOwner | undefined> {
  const owner = await readOutputOwner(study.outputDir);
  if (owner && owner.study !== study.name) {
    throw new UserError(
      `the output directory ${study.outputDir} belongs to study "${owner.study}" (${owner.file}), ` +
        `not to study "${study.name}" (${study.file})`,
      {
        file: study.file,
        keyPath: 'output',
        fix: `give study "${study.name}" its own \`output:\` directory (or --output) so neither overwrites the other`,
      },
    );
  }
  return owner;
}

/**
 * Before a stage writes into the output directory: refuses another study's directory, and records
 * this study as its owner (atomically) the first time, or when the file, its hash or its arms changed.
 */
export async function claimOutputDir(study: Study): Promise<void> {
  const owner = await assertOutputOwner(study);
  const arms = study.arms.map((a) => a.name);
  const same =
    owner?.file === study.file && owner.fileSha256 === study.fileSha256 && owner.arms.join('\n') === arms.join('\n');
  if (same) return;
  const record: OutputOwner = {
    schemaVersion: 1,
    study: study.name,
    file: study.file,
    fileSha256: study.fileSha256,
    arms,
    claimedAt: owner?.claimedAt ?? new Date().toISOString(),
  };
  await writeJsonAtomic(studyLayout.owner(study.outputDir), record);
}
