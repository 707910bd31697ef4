import { extname } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { CsvQuoteError, parseCsv } from './csv-parse.js';
import { fileDefaults, type ImportOptions } from './import-options.js';

/**
 * Reading seedstudy's long format (CSV or JSONL) row by row: which columns a file has, how another
 * tool's columns map onto them (`--columns`, `--defaults`), and typed access to each value with an error
 * that names the file, line and column. import-observations.ts turns the rows into observations.
 */

const LONG = ['arm', 'seed', 'checkpoint', 'prompt_id', 'category', 'score'] as const;
const LONG_OPTIONAL = ['failure_class', 'val_loss', 'repeat'] as const;
const CATEGORY = ['arm', 'seed', 'checkpoint', 'category', 'prompt_count', 'percentage'] as const;
const CATEGORY_OPTIONAL = ['val_loss'] as const;

/** One data row: its line and its value per seedstudy column (after the column map and defaults). */
export type Row = { line: number; get: (column: string) => string | undefined };

/** A UserError naming the file, line and column. */
export function fail(file: string, line: number, column: string | undefined, message: string, fix: string): never {
  throw new UserError(message, { file, line, ...(column ? { keyPath: column } : {}), fix });
}

function detect(file: string, line: number, columns: readonly string[], lenient: boolean): 'prompt' | 'category' {
  const has = (c: string) => columns.includes(c);
  const kind =
    has('prompt_id') || has('score') ? 'prompt' : has('prompt_count') || has('percentage') ? 'category' : undefined;
  if (!kind) {
    fail(
      file,
      line,
      undefined,
      `cannot tell the format from the columns (${columns.join(', ')})`,
      `use the columns ${LONG.join(',')} (per prompt) or ${CATEGORY.join(',')} (per category), or map yours with --columns`,
    );
  }
  const required: readonly string[] = kind === 'prompt' ? LONG : CATEGORY;
  const allowed = new Set<string>([...required, ...(kind === 'prompt' ? LONG_OPTIONAL : CATEGORY_OPTIONAL)]);
  const missing = required.filter((c) => !has(c));
  if (missing.length) {
    fail(
      file,
      line,
      missing[0],
      `missing column(s) ${missing.join(', ')}`,
      `a ${kind}-level file needs the columns ${required.join(',')}; map another name with --columns ${missing[0]}=NAME or give a constant with --defaults ${missing[0]}=VALUE`,
    );
  }
  const unknown = columns.filter((c) => !allowed.has(c));
  if (unknown.length && !lenient)
    fail(
      file,
      line,
      unknown[0],
      `unknown column(s) ${unknown.join(', ')}`,
      `allowed columns: ${[...allowed].join(', ')} (check the spelling, or map the file's columns with --columns)`,
    );
  return kind;
}

/**
 * The seedstudy columns a source row offers under the import options: renamed (`--columns`),
 * as named, or constant (`--defaults`, `--seed-pattern`). Returns the column list detect() sees and
 * the getter rows use. A `--columns` source the file lacks is an error naming the file's columns.
 */
function mapColumns(
  file: string,
  line: number,
  source: readonly string[],
  options: ImportOptions,
  constants: ReadonlyMap<string, string>,
): { columns: string[]; lookup: (c: string) => string } {
  for (const [target, from] of options.columns) {
    if (!source.includes(from)) {
      fail(
        file,
        line,
        from,
        `--columns ${target}=${from}: the file has no column "${from}"`,
        `use one of the file's columns: ${source.join(', ')}`,
      );
    }
  }
  const sourceOf = (c: string) => options.columns.get(c) ?? c;
  const mappedAway = new Set(options.columns.values());
  const columns = source.filter((c) => !mappedAway.has(c) && !options.columns.has(c));
  for (const c of [...options.columns.keys(), ...constants.keys()]) if (!columns.includes(c)) columns.push(c);
  return { columns, lookup: sourceOf };
}

/** A required text column. */
export function text(file: string, r: Row, column: string): string {
  const v = r.get(column);
  if (v === undefined || v === '') fail(file, r.line, column, `"${column}" is empty`, `give every row a ${column}`);
  return v;
}

/** A numeric column, checked against its bounds. */
export function num(
  file: string,
  r: Row,
  column: string,
  opts: { int?: boolean; min?: number; max?: number; optional?: boolean; fix: string },
): number | undefined {
  const raw = r.get(column);
  if (raw === undefined || raw === '') {
    if (opts.optional) return undefined;
    fail(file, r.line, column, `"${column}" is empty`, opts.fix);
  }
  const v = Number(raw);
  const bad =
    !Number.isFinite(v) ||
    (opts.int && !Number.isInteger(v)) ||
    (opts.min !== undefined && v < opts.min) ||
    (opts.max !== undefined && v > opts.max);
  if (bad) fail(file, r.line, column, `"${column}" = ${JSON.stringify(raw)} is not valid`, opts.fix);
  return v;
}

/**
 * The rows of a long-format CSV or JSONL file and which format it is (per prompt or per category), the
 * columns read through the import options.
 */
export function rowsOf(
  file: string,
  content: string,
  options: ImportOptions,
): { kind: 'prompt' | 'category'; rows: Row[] } {
  const constants = fileDefaults(file, options);
  const lenient = options.columns.size > 0 || constants.size > 0;
  const withConstants = (get: (c: string) => string | undefined) => (c: string) => {
    const v = get(c);
    return v === undefined || v === '' ? (constants.get(c) ?? v) : v;
  };
  const jsonl = ['.jsonl', '.ndjson'].includes(extname(file).toLowerCase()) || /^\s*\{/.test(content);
  if (jsonl) {
    const rows: Row[] = [];
    let kind: 'prompt' | 'category' | undefined;
    content.split('\n').forEach((lineText, i) => {
      const t = lineText.trim();
      if (!t || t.startsWith('#')) return;
      let obj: unknown;
      try {
        obj = JSON.parse(t);
      } catch (e) {
        fail(file, i + 1, undefined, `not valid JSON: ${(e as Error).message}`, 'write one JSON object per line');
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
        fail(file, i + 1, undefined, 'a line is not a JSON object', 'write one JSON object per line');
      const rec = obj as Record<string, unknown>;
      const mapped = mapColumns(file, i + 1, Object.keys(rec), options, constants);
      const k = detect(file, i + 1, mapped.columns, lenient);
      if (kind && k !== kind)
        fail(
          file,
          i + 1,
          undefined,
          `mixes ${kind}-level and ${k}-level rows`,
          'put per-prompt and per-category results in separate files',
        );
      kind = k;
      const line = i + 1;
      const raw = (c: string) => {
        const v = rec[mapped.lookup(c)];
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'string') return v;
        if (typeof v === 'number' || typeof v === 'boolean') return String(v);
        const what = Array.isArray(v) ? 'a list' : 'an object';
        fail(file, line, c, `"${c}" is ${what}, not a value`, `give ${c} as a string or a number`);
      };
      rows.push({ line: i + 1, get: withConstants(raw) });
    });
    if (!kind) fail(file, 1, undefined, 'the file has no records', 'export at least one row');
    return { kind, rows };
  }
  let records;
  try {
    records = parseCsv(content);
  } catch (e) {
    if (!(e instanceof CsvQuoteError)) throw e;
    fail(file, e.line, `field ${e.column}`, e.message, 'close the quote, or double a quote inside a quoted field ("")');
  }
  const header = records[0];
  if (!header) fail(file, 1, undefined, 'the file is empty', 'export a header row and at least one data row');
  const columns = header.fields.map((c) => c.toLowerCase());
  const firstAt = new Map<string, number>();
  columns.forEach((c, i) => {
    const first = firstAt.get(c);
    if (first !== undefined) {
      fail(
        file,
        header.line,
        c,
        `column "${c}" appears twice (fields ${first + 1} and ${i + 1})`,
        'remove or rename one of them: the second would be ignored',
      );
    }
    firstAt.set(c, i);
  });
  const lowered: ImportOptions = {
    ...options,
    columns: new Map([...options.columns].map(([k, v]) => [k, v.toLowerCase()])),
  };
  const mapped = mapColumns(file, header.line, columns, lowered, constants);
  const kind = detect(file, header.line, mapped.columns, lenient);
  const rows = records.slice(1).map((rec) => {
    if (rec.fields.length !== columns.length) {
      fail(
        file,
        rec.line,
        undefined,
        `has ${rec.fields.length} fields, the header has ${columns.length}`,
        'quote fields that contain commas',
      );
    }
    return { line: rec.line, get: withConstants((c: string) => rec.fields[columns.indexOf(mapped.lookup(c))]) };
  });
  if (rows.length === 0)
    fail(file, header.line, undefined, 'the file has a header but no rows', 'export at least one data row');
  return { kind, rows };
}
