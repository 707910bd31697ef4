import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import { canonicalJson } from '../plan/canonical-json.js';
import { sha256Text } from './canonical-hash.js';
import {
  suiteFileSchema,
  suitePromptSchema,
  type EvalSuite,
  type SuitePrompt,
  type SuitePromptInput,
} from './suite-schema.js';

/**
 * The suite a study evaluates on: its eval.suite file, or, when eval.command owns the prompts and no
 * suite is given, an empty one (the command's records then name the prompts).
 */
export async function loadStudySuite(study: {
  suitePath: string | undefined;
  eval: { max_tokens: number };
}): Promise<EvalSuite> {
  if (study.suitePath !== undefined) return loadSuite(study.suitePath, study.eval.max_tokens);
  return { file: '', name: 'eval.command', prompts: [], sha256: sha256Text('[]'), generationSha256: sha256Text('[]') };
}

/**
 * Reads and validates an eval suite (JSONL, YAML or JSON). Validation happens here once: every
 * later stage trusts the result. Errors name the file, the prompt (index and id), the key and a fix.
 */
export async function loadSuite(file: string, defaultMaxTokens: number): Promise<EvalSuite> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the eval suite: ${(error as Error).message}`, {
      file,
      fix: 'point eval.suite at an existing JSONL or YAML file (relative to the study file)',
    });
  }
  const inputs = extname(file).toLowerCase() === '.jsonl' ? parseJsonlPrompts(file, text) : parseDocument(file, text);
  const prompts = inputs.prompts.map((p) => normalise(p, defaultMaxTokens));
  const seen = new Map<string, number>();
  prompts.forEach((p, i) => {
    const first = seen.get(p.id);
    if (first !== undefined) {
      throw new UserError(`duplicate prompt id "${p.id}" (prompts[${first}] and prompts[${i}])`, {
        file,
        keyPath: `prompts[${i}].id`,
        ...(inputs.lines ? { line: inputs.lines[i] } : {}),
        fix: 'give every prompt a unique id; scores are keyed by it',
      });
    }
    seen.set(p.id, i);
  });
  const name = inputs.name ?? basename(file, extname(file));
  const generation = prompts.map((p) => ({ id: p.id, messages: p.messages, tools: p.tools, max_tokens: p.max_tokens }));
  return {
    file,
    name,
    prompts,
    sha256: sha256Text(canonicalJson({ name, prompts })),
    generationSha256: sha256Text(canonicalJson(generation)),
  };
}

function normalise(p: SuitePromptInput, defaultMaxTokens: number): SuitePrompt {
  const { prompt, messages, max_tokens, ...rest } = p;
  return {
    ...rest,
    messages: messages ?? [{ role: 'user', content: prompt ?? '' }],
    max_tokens: max_tokens ?? defaultMaxTokens,
  };
}

function parseJsonlPrompts(
  file: string,
  text: string,
): { name?: string; prompts: SuitePromptInput[]; lines: number[] } {
  const prompts: SuitePromptInput[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new UserError(`line is not valid JSON: ${(error as Error).message}`, {
        file,
        line: i + 1,
        fix: 'write one JSON object per line',
      });
    }
    const index = prompts.length;
    const parsed = suitePromptSchema.safeParse(value);
    if (!parsed.success) throw issueError(file, parsed.error, index, value, i + 1);
    prompts.push(parsed.data);
    lines.push(i + 1);
  });
  if (prompts.length === 0)
    throw new UserError('the eval suite has no prompts', {
      file,
      keyPath: 'prompts',
      fix: 'write one JSON object per line, one line per prompt (docs/eval-suite.md)',
    });
  return { prompts, lines };
}

function parseDocument(file: string, text: string): { name?: string; prompts: SuitePromptInput[]; lines?: undefined } {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new UserError(`not valid YAML: ${(error as Error).message}`, { file, fix: 'fix the YAML syntax' });
  }
  if (Array.isArray(value)) value = { prompts: value };
  const empty =
    value === null ||
    value === undefined ||
    (Array.isArray((value as { prompts?: unknown }).prompts) && (value as { prompts: unknown[] }).prompts.length === 0);
  if (empty) {
    throw new UserError('the eval suite has no prompts', {
      file,
      keyPath: 'prompts',
      fix: 'add at least one prompt under prompts: (docs/eval-suite.md; seedstudy schema --suite)',
    });
  }
  const parsed = suiteFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const index = issue.path[0] === 'prompts' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const prompts = (value as { prompts?: unknown[] } | null)?.prompts;
    const raw = index !== undefined && Array.isArray(prompts) ? prompts[index] : undefined;
    throw describeIssue(file, issue, index, raw, issue.path);
  }
  return { ...(parsed.data.name ? { name: parsed.data.name } : {}), prompts: parsed.data.prompts };
}

function issueError(file: string, error: z.ZodError, index: number, raw: unknown, line: number): UserError {
  const issue = error.issues[0]!;
  return describeIssue(file, issue, index, raw, ['prompts', index, ...issue.path], line);
}

function describeIssue(
  file: string,
  issue: z.core.$ZodIssue,
  index: number | undefined,
  raw: unknown,
  path: readonly PropertyKey[],
  line?: number,
): UserError {
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : undefined;
  const keyPath = path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
  const who = index === undefined ? '' : `prompt ${index}${id ? ` ("${id}")` : ''}: `;
  const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const fix = unknownKeys.length
    ? `remove or rename ${unknownKeys.map((k) => `"${k}"`).join(', ')}; allowed keys: ${Object.keys(suitePromptSchema.shape).join(', ')}`
    : 'see docs/eval-suite.md or `seedstudy schema --suite` for the suite format';
  return new UserError(`${who}${issue.message}`, { file, keyPath, ...(line ? { line } : {}), fix });
}
