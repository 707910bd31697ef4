import type { z } from 'zod';
import { combineUserErrors } from '../errors/user-error-list.js';
import { UserError } from '../errors/user-error.js';
import { didYouMean } from './did-you-mean.js';
import { describeExpected, describeValue, orList } from './describe-value.js';
import { formatKeyPath, valueAt } from './key-path.js';
import { mlxKeyFix } from './misplaced-key.js';
import { descriptionOf, objectKeys, objectShape, schemasAt } from './schema-walk.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
/** `guess`: an unknown key's did-you-mean, kept to pair it with the missing key it misspells. */
type Problem = { path: KeyPath; message: string; fix: string; guess?: string };

const missingMessage = 'required key is missing';

/** Forms a union accepts, spelt out for the fix (zod only knows the types). */
const unionForms: Record<string, string> = {
  seeds:
    'use a list (`seeds: [0, 1, 2]`), a range (`seeds: {count: 8, start: 0}`) or a seed set name (`seeds: standard-8`)',
  checkpoints: 'use `all`, `{every: N}` or a list of steps such as `[100, 200]`',
  claimed: 'write the claim as printed: a percentage string such as `"82.4%"`, or a fraction such as `0.824`',
};

/**
 * Turns zod's issues into the UserError the user sees: every problem at once (one round trip
 * for a config with six mistakes), in file order, each with its key path, line and a concrete
 * fix (a did-you-mean for typos, the right place for an mlx-lm key). One problem reads as before.
 */
export function zodIssuesToUserError(issues: readonly Issue[], source: YamlSource, schema: z.core.$ZodType): UserError {
  const problems = zodIssuesToUserErrors(issues, source, schema);
  return combineUserErrors(problems) ?? new UserError('invalid file', { file: source.file });
}

/** `zodIssuesToUserError` as a list, for callers that report these with problems of their own. */
export function zodIssuesToUserErrors(
  issues: readonly Issue[],
  source: YamlSource,
  schema: z.core.$ZodType,
): UserError[] {
  const problems = pairTyposWithMissingKeys(issues.flatMap((issue) => toProblems(issue, [], source.data, schema)));
  // File order, but missing keys last: they are often the echo of a typo (`alpha` for `scale`).
  const located = problems.map((problem) => ({
    problem,
    line: source.lineOf(problem.path),
    missing: problem.message === missingMessage,
  }));
  located.sort((a, b) => Number(a.missing) - Number(b.missing) || (a.line ?? Infinity) - (b.line ?? Infinity));
  const seen = new Set<string>();
  return located.flatMap(({ problem, line }) => {
    const keyPath = problem.path.length > 0 ? formatKeyPath(problem.path) : undefined;
    const id = `${keyPath}\0${problem.message}`;
    if (seen.has(id)) return [];
    seen.add(id);
    const at = { file: source.file, keyPath, ...(line === undefined ? {} : { line }) };
    return [new UserError(problem.message, { ...at, fix: problem.fix })];
  });
}

/**
 * A misspelt required key shows twice (`seed:` unknown, `seeds:` missing): keep one problem, the
 * unknown key, whose fix is then the did-you-mean, even over the mlx-lm table's explanation.
 */
function pairTyposWithMissingKeys(problems: Problem[]): Problem[] {
  const missing = new Set(problems.filter((p) => p.message === missingMessage).map((p) => formatKeyPath(p.path)));
  const paired = new Set<string>();
  const result = problems.map((problem) => {
    if (problem.guess === undefined) return problem;
    const target = formatKeyPath([...problem.path.slice(0, -1), problem.guess]);
    if (!missing.has(target)) return problem;
    paired.add(target);
    return { ...problem, fix: `did you mean \`${problem.guess}\`?` };
  });
  return result.filter((p) => !(p.message === missingMessage && paired.has(formatKeyPath(p.path))));
}

function toProblems(issue: Issue, prefix: KeyPath, data: unknown, schema: z.core.$ZodType): Problem[] {
  if (issue.code !== 'unrecognized_keys') return [toProblem(issue, prefix, data, schema)];
  const path = [...prefix, ...(issue.path as KeyPath)];
  return issue.keys.map((key) => unknownKeyProblem(key, path, data, schema));
}

/** An unknown key: an mlx-lm key gets its own place from the mapping table, anything else a did-you-mean. */
function unknownKeyProblem(key: string, path: KeyPath, data: unknown, schema: z.core.$ZodType): Problem {
  const message = `unknown key \`${key}\``;
  const allowed = schemasAt(schema, path, data).flatMap((s) => objectKeys(s) ?? []);
  const guess = didYouMean(key, allowed);
  const mlxFix = mlxKeyFix(key, path);
  if (mlxFix) return { path: [...path, key], message, fix: mlxFix, ...(guess ? { guess } : {}) };
  // A setting written one level too high (`rank` beside `iters`) belongs in a child mapping.
  const home = schemasAt(schema, path, data)
    .flatMap((s) => Object.entries(objectShape(s)))
    .find(([, child]) => objectKeys(child)?.includes(key))?.[0];
  return {
    path: [...path, key],
    message,
    fix: guess
      ? `did you mean \`${guess}\`?`
      : home
        ? `move it under \`${home}:\``
        : `remove it; allowed keys here: ${allowed.join(', ')}`,
    ...(guess ? { guess } : {}),
  };
}

function toProblem(issue: Issue, prefix: KeyPath, data: unknown, schema: z.core.$ZodType): Problem {
  const path = [...prefix, ...(issue.path as KeyPath)];
  const value = valueAt(data, path);
  const keyName = typeof path.at(-1) === 'number' ? formatKeyPath(path) : String(path.at(-1) ?? 'the study');
  const described = () => {
    const text = schemasAt(schema, path, data).map(descriptionOf).find(Boolean);
    return text ? ` — ${text.replace(/\.?$/, '.')}` : '';
  };
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeyProblem(issue.keys[0]!, path, data, schema);
    case 'invalid_type':
      if (value === undefined) return { path, message: missingMessage, fix: `add \`${keyName}:\`${described()}` };
      return {
        path,
        message: `expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`,
        fix:
          typeof value === 'string' &&
          issue.expected === 'number' &&
          value.trim() !== '' &&
          !Number.isNaN(Number(value))
            ? `remove the quotes: \`${keyName}: ${value}\``
            : `write ${describeExpected(issue.expected)} for \`${keyName}\`${described()}`,
      };
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      const message =
        issue.origin === 'array'
          ? `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} item(s)`
          : issue.origin === 'string' && issue.code === 'too_small' && Number(bound) === 1
            ? 'must not be empty'
            : `must be ${op} ${bound}, got ${describeValue(value)}`;
      return {
        path,
        message,
        fix: unionForms[keyName] ?? `use a value ${op} ${bound} for \`${keyName}\`${described()}`,
      };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const guess = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      return {
        path,
        message: `must be one of ${allowed.join(', ')}, got ${describeValue(value)}`,
        fix: guess ? `did you mean \`${guess}\`?` : `use one of ${orList(allowed)}`,
      };
    }
    case 'invalid_format':
      return {
        path,
        message: issue.message.startsWith('Invalid')
          ? `${describeValue(value)} does not match ${issue.pattern ?? issue.format}`
          : `${issue.message}, got ${describeValue(value)}`,
        fix: `change \`${keyName}\`${described()}`,
      };
    case 'invalid_union':
      return unionProblem(issue, path, value, data, schema);
    default:
      return { path, message: issue.message, fix: `change \`${keyName}\`${described()}` };
  }
}

function unionProblem(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: KeyPath,
  value: unknown,
  data: unknown,
  schema: z.core.$ZodType,
): Problem {
  const keyName = String(path.at(-1) ?? '');
  const tagged = issue as typeof issue & { discriminator?: string; options?: unknown[] };
  if (tagged.discriminator !== undefined) {
    const options = (tagged.options ?? []).map((o) => JSON.stringify(o));
    if (value === undefined)
      return { path, message: missingMessage, fix: `add \`${keyName}:\` with one of ${orList(options)}` };
    const guess = typeof value === 'string' ? didYouMean(value, (tagged.options ?? []).map(String)) : undefined;
    const what = [path.at(-2), keyName].filter((p) => typeof p === 'string').join(' ');
    return {
      path,
      message: `unknown ${what} ${JSON.stringify(value)}; expected one of ${options.join(', ')}`,
      fix: guess ? `did you mean \`${guess}\`?` : `use one of ${orList(options)}`,
    };
  }
  const branches = issue.errors;
  // The branch whose type matched the value holds the real problem (e.g. a bad item in a seed list).
  const matched = branches.find(
    (branch) =>
      branch.length > 0 &&
      !branch.every((b) => (b.code === 'invalid_type' || b.code === 'invalid_value') && b.path.length === 0),
  );
  if (matched) return toProblem(matched[0]!, path, data, schema);
  const literals = branches
    .flat()
    .filter((b) => b.code === 'invalid_value')
    .flatMap((b) => (b as { values: unknown[] }).values.map((v) => JSON.stringify(v)));
  if (literals.length === branches.length && value !== undefined && literals.length > 0) {
    return {
      path,
      message: `must be one of ${literals.join(', ')}, got ${describeValue(value)}`,
      fix: `use one of ${orList(literals)}`,
    };
  }
  const expected = [
    ...new Set(
      branches
        .flat()
        .map((b) =>
          b.code === 'invalid_type'
            ? describeExpected(b.expected)
            : b.code === 'invalid_value'
              ? (b as { values: unknown[] }).values.map((v) => JSON.stringify(v)).join(', ')
              : 'another form',
        ),
    ),
  ];
  if (value === undefined) return { path, message: missingMessage, fix: unionForms[keyName] ?? `add \`${keyName}:\`` };
  return {
    path,
    message: `expected ${orList(expected)}, got ${describeValue(value)}`,
    fix: unionForms[keyName] ?? `use ${orList(expected)}`,
  };
}
