import { execa } from 'execa';
import { z } from 'zod';
import { UserError } from '../../errors/user-error.js';
import type { ScorerConfig } from '../../study/schema.js';
import type { ScoreItem, Scorer, Verdict } from './scorer.js';

type ExternalConfig = Extract<ScorerConfig, { kind: 'external' }>;

const verdictLineSchema = z.object({
  id: z.string().min(1),
  score: z.number().min(0).max(1),
  reason: z.string().min(1),
  failure_class: z.string().min(1),
});

/**
 * A user's scoring program: reads one JSON object per generation on stdin (`id`, the prompt's
 * fields, `output`, `finish_reason`, ...) and writes `{id, score, reason, failure_class}` lines on
 * stdout. Every line is validated; a bad line is a UserError naming the command and the line.
 */
export function externalScorer(config: ExternalConfig, cwd?: string): Scorer {
  return { kind: 'external', score: (items) => runExternal(config, items, cwd) };
}

async function runExternal(config: ExternalConfig, items: readonly ScoreItem[], cwd?: string): Promise<Verdict[]> {
  const shown = config.command.join(' ');
  const input = items.map((it) => JSON.stringify({ ...it.prompt, ...it.generation, id: it.id })).join('\n') + '\n';
  const [file, ...args] = config.command;
  const result = await execa(file!, args, {
    input,
    reject: false,
    timeout: config.timeout_s * 1000,
    ...(cwd ? { cwd } : {}),
    stripFinalNewline: false,
  });
  if (result.failed) {
    const why = result.timedOut
      ? `timed out after ${config.timeout_s}s`
      : result.exitCode !== undefined
        ? `exited with code ${result.exitCode}`
        : result.shortMessage;
    throw new UserError(
      `external scorer \`${shown}\` ${why}: ${String(result.stderr).trim().split('\n').slice(-3).join(' | ')}`,
      {
        keyPath: 'eval.scorer.command',
        fix: 'run the command by hand on the generations JSONL and fix it',
      },
    );
  }
  return parseVerdicts(shown, String(result.stdout), items);
}

/** Validates the scorer's stdout against the items it was given (exported for tests). */
export function parseVerdicts(shown: string, stdout: string, items: readonly ScoreItem[]): Verdict[] {
  const wanted = new Set(items.map((i) => i.id));
  const got = new Map<string, Verdict>();
  stdout.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (what: string) =>
      new UserError(
        `external scorer \`${shown}\` wrote a bad line ${i + 1}: ${what}: ${line.length > 200 ? `${line.slice(0, 200)}...` : line}`,
        {
          keyPath: 'eval.scorer.command',
          fix: 'write one JSON object per line: {"id": "<prompt id>", "score": <0..1>, "reason": "<text>", "failure_class": "<text>"}',
        },
      );
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw bad('not valid JSON');
    }
    const parsed = verdictLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw bad(`${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    const { id, ...verdict } = parsed.data;
    if (!wanted.has(id)) throw bad(`unknown id "${id}"`);
    if (got.has(id)) throw bad(`duplicate id "${id}"`);
    got.set(id, verdict);
  });
  const missing = items.filter((it) => !got.has(it.id)).map((it) => it.id);
  if (missing.length) {
    throw new UserError(
      `external scorer \`${shown}\` wrote no score for ${missing.length} of ${items.length} generations (first: "${missing[0]}")`,
      {
        keyPath: 'eval.scorer.command',
        fix: 'write one line per input line, with the same id',
      },
    );
  }
  return items.map((it) => got.get(it.id)!);
}
