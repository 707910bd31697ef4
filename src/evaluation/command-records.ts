import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import type { EvalSuite } from './suite-schema.js';

/**
 * One line an `eval.command` writes: a prompt's score and why. Only `id`, `score` and `reason` are
 * required, so a team's own harness needs no seedstudy vocabulary; `failure_class`, `output` (shown in
 * the report's drill-down) and `category` (used when there is no eval.suite) are optional.
 */
export const commandRecordSchema = z.object({
  id: z.string().min(1),
  score: z.number().min(0).max(1),
  reason: z.string().min(1),
  failure_class: z.string().min(1).optional(),
  output: z.string().optional(),
  category: z.string().min(1).optional(),
});

/** A command record ready for a score record: prompt id, category and failure class always set. */
export interface CommandVerdict {
  prompt_id: string;
  category: string;
  score: number;
  reason: string;
  failure_class: string;
  output?: string;
}

const FORMAT =
  'write one JSON object per line: {"id": "<prompt id>", "score": <0..1>, "reason": "<text>"}, ' +
  'optionally with "failure_class", "output" and "category" (docs/evaluation.md)';

/** The class of a record that gives none: a full score passes; anything else is unclassified. */
function defaultClass(score: number): string {
  return score === 1 ? 'pass' : 'unclassified';
}

/**
 * Validates an eval.command's output. With a suite, every suite prompt needs exactly one record and the
 * result follows the suite's order; with none (the command owns its prompts), the records name the prompts,
 * in the order written. Every problem is a UserError naming `eval.command`, the line and what is wrong.
 */
export function parseCommandRecords(shown: string, text: string, suite: EvalSuite): CommandVerdict[] {
  const byId = new Map(suite.prompts.map((p) => [p.id, p]));
  const got = new Map<string, CommandVerdict>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (what: string) =>
      new UserError(`eval.command \`${shown}\` wrote a bad record on line ${i + 1}: ${what}: ${clip(line)}`, {
        keyPath: 'eval.command',
        fix: FORMAT,
      });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw bad('not valid JSON');
    }
    const parsed = commandRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw bad(`${issue.path.join('.') || 'record'}: ${issue.message}`);
    }
    const r = parsed.data;
    if (suite.prompts.length > 0 && !byId.has(r.id)) throw bad(`unknown prompt id "${r.id}" (not in ${suite.file})`);
    if (got.has(r.id)) throw bad(`duplicate id "${r.id}"`);
    got.set(r.id, {
      prompt_id: r.id,
      category: byId.get(r.id)?.category ?? r.category ?? 'default',
      score: r.score,
      reason: r.reason,
      failure_class: r.failure_class ?? defaultClass(r.score),
      ...(r.output !== undefined ? { output: r.output } : {}),
    });
  });
  if (suite.prompts.length === 0) {
    if (got.size === 0) {
      throw new UserError(`eval.command \`${shown}\` wrote no records`, { keyPath: 'eval.command', fix: FORMAT });
    }
    return [...got.values()];
  }
  const missing = suite.prompts.filter((p) => !got.has(p.id)).map((p) => p.id);
  if (missing.length) {
    const n = suite.prompts.length;
    const what = `no record for ${missing.length} of ${n} prompts (first: "${missing[0]}")`;
    throw new UserError(`eval.command \`${shown}\` wrote ${what}`, {
      keyPath: 'eval.command',
      fix: `write one record per prompt of ${suite.file}, with its id`,
    });
  }
  return suite.prompts.map((p) => got.get(p.id)!);
}

function clip(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
