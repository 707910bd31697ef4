import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../errors/user-error.js';
import { scoreRecordSchema, type ScoreRecord } from '../results/score-record.js';
import { parseCommandRecords } from './command-records.js';
import type { EvalSuite } from './suite-schema.js';

/** Values for the placeholders of `eval.command`. Step 0 (base model) has empty adapter paths. */
export interface CommandPlaceholders {
  checkpoint_dir: string;
  adapter_dir: string;
  model: string;
  suite: string;
  output: string;
  step: string;
}

/** Replaces `{name}` placeholders in every argv element; an unknown placeholder is a UserError. */
export function substitutePlaceholders(argv: readonly string[], values: CommandPlaceholders): string[] {
  return argv.map((arg) =>
    arg.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      if (name in values) return values[name as keyof CommandPlaceholders];
      throw new UserError(`unknown placeholder ${whole} in eval.command`, {
        keyPath: 'eval.command',
        fix: `use only ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')}`,
      });
    }),
  );
}

/**
 * Bring your own evaluator: runs the user's harness for one checkpoint (its staged adapter dir in
 * the placeholders) and reads per-prompt `{id, score, reason, failure_class?, output?, category?}` JSONL
 * from the `{output}` file, or from stdout when the file was not written, into ordinary score records.
 * With no eval.suite (an empty suite), the command owns the prompts: its records name them.
 */
export async function runEvalCommand(
  argv: readonly string[],
  values: Omit<CommandPlaceholders, 'output'>,
  suite: EvalSuite,
  who: { runId: string; arm: string; seed: number; step: number; sha256: string | null; dir: string },
  opts: { cwd: string; timeoutS: number; signal?: AbortSignal },
): Promise<ScoreRecord[]> {
  const output = join(who.dir, 'command-output.jsonl');
  await mkdir(who.dir, { recursive: true });
  await rm(output, { force: true });
  const [file, ...args] = substitutePlaceholders(argv, { ...values, output });
  const shown = argv.join(' ');
  const result = await execa(file!, args, {
    cwd: opts.cwd,
    reject: false,
    timeout: opts.timeoutS * 1000,
    env: { HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1' },
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.failed) {
    throw new UserError(
      `eval.command \`${shown}\` failed for step ${who.step}: ${result.shortMessage}; stderr: ${String(result.stderr).trim().split('\n').slice(-3).join(' | ')}`,
      {
        keyPath: 'eval.command',
        fix: 'run the command by hand with the same arguments and fix it',
      },
    );
  }
  let text: string;
  try {
    text = await readFile(output, 'utf8');
  } catch {
    text = String(result.stdout);
  }
  return parseCommandRecords(shown, text, suite).map((r) =>
    scoreRecordSchema.parse({
      runId: who.runId,
      arm: who.arm,
      seed: who.seed,
      step: who.step,
      repeat: 0,
      ...r,
      scorer: 'command',
      checkpoint_sha256: who.sha256,
    }),
  );
}
