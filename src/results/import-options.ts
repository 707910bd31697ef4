import { basename } from 'node:path';
import { UserError } from '../errors/user-error.js';

/**
 * How results written by another tool map onto seedstudy's long format. Other tools name their
 * columns differently (`run_seed`, `acc`, `doc_id`) and leave out what they never knew (the arm,
 * the training step), so `--input` takes a column map, constant values for missing columns and a
 * pattern that reads each file's seed from its name. Parsed and checked once, here.
 */
export interface ImportOptions {
  /** seedstudy column → the source's column (`--columns seed=run_seed,score=acc`). */
  columns: ReadonlyMap<string, string>;
  /** seedstudy column → a constant for every row that lacks it (`--defaults arm=lr-1e-4,checkpoint=800`). */
  defaults: ReadonlyMap<string, string>;
  /** `--seed-pattern 'seed-(\d+)'`: the first capture group, matched against each file's name, is its seed. */
  seedPattern?: RegExp | undefined;
  /** lm-eval metric or inspect_ai scorer whose value is the score, when a file has several. */
  metric?: string | undefined;
  /** lm-eval filter (e.g. `strict-match`) when a task logs several. */
  filter?: string | undefined;
}

/** Columns a mapped file may supply: the per-prompt and per-category long formats. */
export const MAPPABLE_COLUMNS = [
  'arm',
  'seed',
  'checkpoint',
  'prompt_id',
  'category',
  'score',
  'failure_class',
  'val_loss',
  'repeat',
  'prompt_count',
  'percentage',
] as const;

/** The flags as typed, before checking. */
export interface ImportFlags {
  columns?: string | undefined;
  defaults?: string | undefined;
  seedPattern?: string | undefined;
  metric?: string | undefined;
  filter?: string | undefined;
}

/** No mapping: files must use seedstudy's own column names. */
export const NO_IMPORT_OPTIONS: ImportOptions = { columns: new Map(), defaults: new Map() };

/** Checks the import flags, reporting every problem at once. */
export function parseImportOptions(flags: ImportFlags): ImportOptions {
  const problems: string[] = [];
  const columns = pairs(flags.columns, '--columns', problems);
  const defaults = pairs(flags.defaults, '--defaults', problems);
  for (const [name, value] of defaults) {
    if (['seed', 'checkpoint', 'repeat'].includes(name) && !/^-?\d+$/.test(value)) {
      problems.push(`--defaults ${name}=${value}: ${name} must be an integer`);
    }
  }
  let seedPattern: RegExp | undefined;
  if (flags.seedPattern !== undefined) {
    try {
      seedPattern = new RegExp(flags.seedPattern);
      if (!/\((?!\?)/.test(flags.seedPattern)) problems.push('--seed-pattern has no capture group for the seed');
    } catch (e) {
      problems.push(`--seed-pattern is not a valid regular expression: ${(e as Error).message}`);
    }
    if (defaults.has('seed')) problems.push('--seed-pattern and --defaults seed=… both give the seed');
  }
  if (problems.length) {
    throw new UserError(problems.join('; '), {
      fix: `write --columns seedstudy_column=source_column,… and --defaults column=value,… with columns from: ${MAPPABLE_COLUMNS.join(', ')}; --seed-pattern needs one group, e.g. 'seed-(\\d+)'`,
    });
  }
  return { columns, defaults, seedPattern, metric: flags.metric, filter: flags.filter };
}

function pairs(spec: string | undefined, flag: string, problems: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (spec === undefined) return out;
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !name || !value) {
      problems.push(`${flag} "${part}" is not column=value`);
    } else if (!(MAPPABLE_COLUMNS as readonly string[]).includes(name)) {
      problems.push(`${flag} names "${name}", which is not a seedstudy column`);
    } else if (out.has(name)) {
      problems.push(`${flag} gives "${name}" twice`);
    } else {
      out.set(name, value);
    }
  }
  return out;
}

/**
 * The constant columns of one file: `--defaults`, plus its seed read from the file name by
 * `--seed-pattern` (a file the pattern does not match is an error, not seed 0).
 */
export function fileDefaults(file: string, options: ImportOptions): Map<string, string> {
  const out = new Map(options.defaults);
  if (options.seedPattern) {
    const m = options.seedPattern.exec(basename(file)) ?? options.seedPattern.exec(file);
    const seed = m?.[1];
    if (seed === undefined || !/^-?\d+$/.test(seed)) {
      throw new UserError(`--seed-pattern ${options.seedPattern.source} finds no integer seed in the file name`, {
        file,
        fix: 'rename the file so the pattern matches (e.g. results-seed-3.jsonl) or change --seed-pattern',
      });
    }
    out.set('seed', seed);
  }
  return out;
}
