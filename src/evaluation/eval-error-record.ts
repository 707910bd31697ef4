import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonlAtomic } from '../results/atomic-write.js';
import { checkpointOwnerShape } from '../results/checkpoint-owner.js';
import { readJsonl } from '../results/jsonl.js';

/**
 * A prompt that could not be evaluated (it hung the worker on every try), stored in
 * `<runDir>/eval/step-NNNNNNN/errors.jsonl` instead of a generation and a score. Why a record and
 * not a 0: a hang is a property of the machine or the engine, not of the answer, so the analysis
 * treats the prompt as missing data for that checkpoint and says so in its warnings.
 */
export const evalErrorRecordSchema = z.strictObject({
  ...checkpointOwnerShape,
  prompt_id: z.string(),
  repeat: z.number().int().min(0),
  kind: z.literal('hang'),
  message: z.string().min(1),
  fix: z.string().min(1),
  /** Worker processes killed on this prompt alone. */
  attempts: z.number().int().min(1),
});

/** A stored evaluation error. */
export type EvalErrorRecord = z.infer<typeof evalErrorRecordSchema>;

/** What the watchdog reports for one prompt it gave up on, before the record is tied to a run. */
export interface PromptError {
  step: number;
  prompt_id: string;
  repeat: number;
  kind: 'hang';
  message: string;
  fix: string;
  attempts: number;
}

/** The fix printed with a hang: the hang guard is a setting, and a hang is often the engine's. */
export const HANG_FIX =
  'raise eval.prompt_timeout_s if the prompt is merely slow; otherwise look at the worker log, ' +
  'then `seedstudy eval --force` re-evaluates the checkpoint';

/** The errors file of a checkpoint's eval directory. */
export function evalErrorsFile(dir: string): string {
  return join(dir, 'errors.jsonl');
}

/** A study's collected error records, next to observations.jsonl (written by the score stage). */
export function studyEvalErrorsFile(outputDir: string): string {
  return join(outputDir, 'eval-errors.jsonl');
}

/** Warnings for a study's collected error records (none when the file is missing). */
export async function studyEvalErrorWarnings(outputDir: string): Promise<string[]> {
  return (await readJsonl(studyEvalErrorsFile(outputDir))).map((r) => evalErrorWarning(evalErrorRecordSchema.parse(r)));
}

/** Writes a checkpoint's error records (an empty file when there are none, so stale errors never survive). */
export async function writeEvalErrors(dir: string, errors: readonly EvalErrorRecord[]): Promise<void> {
  await writeJsonlAtomic(
    evalErrorsFile(dir),
    errors.map((e) => evalErrorRecordSchema.parse(e)),
  );
}

/** A checkpoint's error records; none when the file is missing (older evaluations). */
export async function readEvalErrors(dir: string): Promise<EvalErrorRecord[]> {
  return (await readJsonl(evalErrorsFile(dir))).map((r) => evalErrorRecordSchema.parse(r));
}

/** The analysis warning for one error record: missing data, never a zero. */
export function evalErrorWarning(
  e: Pick<EvalErrorRecord, 'arm' | 'seed' | 'step' | 'prompt_id' | 'repeat' | 'message'>,
): string {
  const repeat = e.repeat > 0 ? ` (repeat ${e.repeat})` : '';
  return (
    `${e.arm}: seed ${e.seed} step ${e.step} prompt ${e.prompt_id}${repeat} was not evaluated (${e.message}); ` +
    'it is missing data for that checkpoint, not a 0'
  );
}
