import { extname } from 'node:path';
import { UserError } from '../errors/user-error.js';
import type { Observation } from '../statistics/observation.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import { CsvQuoteError, parseCsv } from './csv-parse.js';
import type { HistoryCheckJson } from '../statistics/analysis-result.js';
import { fileDefaults, NO_IMPORT_OPTIONS, type ImportOptions } from './import-options.js';

/**
 * Imports results from any pipeline, so seedstudy can analyse runs it did not train.
 * Two long formats, CSV or JSONL, detected from the columns:
 *  - per prompt: `arm,seed,checkpoint,prompt_id,category,score` [+ `failure_class,val_loss,repeat`]
 *  - per category: `arm,seed,checkpoint,category,prompt_count,percentage` [+ `val_loss`], for
 *    historical results that kept only category percentages (the seed document's Phase 33b).
 * Another tool's columns are mapped onto these with `--columns`/`--defaults` (import-options.ts);
 * with a mapping, columns it does not name are ignored instead of refused.
 * (YAML history records, which also carry printed summaries, are read by pipeline/import-inputs.ts.)
 * Validation happens here, once: every error names the file, line, column and the fix.
 */
export interface ImportedData {
  observations: Observation[];
  categoryLevel: CategoryObservation[];
  /** Suspicious but valid input (e.g. a category percentage no 0/0.5/1 scoring can produce). */
  warnings: string[];
  /** Printed summary figures of YAML history records, recomputed from their data. */
  historyChecks: HistoryRecordChecks[];
  /** Per-prompt values declared by history records (when they all agree), for the comparability gate. */
  scoreValues?: { values: number[]; source: string } | undefined;
  /** Model outputs that came with the scores (lm-eval, inspect_ai), for the report's drill-down. */
  outputs?: ImportedOutput[] | undefined;
}

/** One imported model output (untrusted text) and why it scored as it did. */
export interface ImportedOutput {
  arm: string;
  seed: number;
  checkpoint: number;
  promptId: string;
  output: string | null;
  reason: string | null;
}

/** The consistency checks of one imported history record. */
export interface HistoryRecordChecks {
  file: string;
  arm: string;
  checks: HistoryCheckJson[];
}

const LONG = ['arm', 'seed', 'checkpoint', 'prompt_id', 'category', 'score'] as const;
const LONG_OPTIONAL = ['failure_class', 'val_loss', 'repeat'] as const;
const CATEGORY = ['arm', 'seed', 'checkpoint', 'category', 'prompt_count', 'percentage'] as const;
const CATEGORY_OPTIONAL = ['val_loss'] as const;

/** Decimal places of a number as written ("33.3" → 1). */
function decimals(raw: string): number {
  return raw.trim().split('.')[1]?.length ?? 0;
}

type Row = { line: number; get: (column: string) => string | undefined };

function fail(file: string, line: number, column: string | undefined, message: string, fix: string): never {
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

function text(file: string, r: Row, column: string): string {
  const v = r.get(column);
  if (v === undefined || v === '') fail(file, r.line, column, `"${column}" is empty`, `give every row a ${column}`);
  return v;
}

function num(
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

function rowsOf(file: string, content: string, options: ImportOptions): { kind: 'prompt' | 'category'; rows: Row[] } {
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

/** Parses one file's text (pure apart from naming the file in errors). */
export function parseObservationsText(
  file: string,
  content: string,
  options: ImportOptions = NO_IMPORT_OPTIONS,
): ImportedData {
  const { kind, rows } = rowsOf(file, content, options);
  const out: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [] };
  const seen = new Map<string, number>();
  const valLoss = new Map<string, { v: number; line: number }>();
  for (const r of rows) {
    const arm = text(file, r, 'arm');
    const seed = num(file, r, 'seed', { int: true, fix: 'seed must be an integer' })!;
    const checkpoint = num(file, r, 'checkpoint', {
      int: true,
      min: 0,
      fix: 'checkpoint is the training step, an integer ≥ 0 (0 = base model)',
    })!;
    const category = text(file, r, 'category');
    const vl = num(file, r, 'val_loss', {
      min: 0,
      optional: true,
      fix: 'val_loss must be a non-negative number or empty',
    });
    if (vl !== undefined) {
      const ck = `${arm}\u0000${seed}\u0000${checkpoint}`;
      const prev = valLoss.get(ck);
      if (prev && prev.v !== vl)
        fail(
          file,
          r.line,
          'val_loss',
          `val_loss ${vl} differs from ${prev.v} on line ${prev.line} for the same checkpoint`,
          'a checkpoint has one val loss: use the same value on every row',
        );
      valLoss.set(ck, { v: vl, line: r.line });
    }
    if (kind === 'prompt') {
      const promptId = text(file, r, 'prompt_id');
      const score = num(file, r, 'score', {
        min: 0,
        max: 1,
        fix: 'scores are fractions in [0, 1] (divide percentages by 100)',
      })!;
      const repeat =
        num(file, r, 'repeat', { int: true, min: 0, optional: true, fix: 'repeat must be an integer ≥ 0' }) ?? 0;
      const key = `${arm}\u0000${seed}\u0000${checkpoint}\u0000${promptId}\u0000${repeat}`;
      if (seen.has(key))
        fail(
          file,
          r.line,
          'prompt_id',
          `duplicate of line ${seen.get(key)} (same arm, seed, checkpoint, prompt_id, repeat)`,
          'remove the duplicate, or number repeated evaluations in a repeat column',
        );
      seen.set(key, r.line);
      const fc = r.get('failure_class');
      out.observations.push({
        arm,
        seed,
        checkpoint,
        promptId,
        category,
        score,
        failureClass: fc ? fc : undefined,
        valLoss: vl,
        repeat,
      });
    } else {
      const promptCount = num(file, r, 'prompt_count', {
        int: true,
        min: 1,
        fix: 'prompt_count is the number of prompts in the category, an integer ≥ 1',
      })!;
      const pct = num(file, r, 'percentage', {
        min: 0,
        max: 100,
        fix: 'percentage is the category score in percent, 0 to 100',
      })!;
      const key = `${arm}\u0000${seed}\u0000${checkpoint}\u0000${category}`;
      if (seen.has(key))
        fail(
          file,
          r.line,
          'category',
          `duplicate of line ${seen.get(key)} (same arm, seed, checkpoint, category)`,
          'give each category one row per checkpoint',
        );
      seen.set(key, r.line);
      // A printed percentage is rounded (33.3% of 3 prompts is 1 point): snap to the 0.5-point grid when
      // the rounding explains the gap, otherwise keep the figure and warn (Phase 33b: 60% of 9 = 5.4).
      const raw = (pct / 100) * promptCount;
      const snapped = Math.round(raw * 2) / 2;
      const rounding = ((0.5 * 10 ** -decimals(r.get('percentage')!)) / 100) * promptCount + 1e-9;
      const onGrid = Math.abs(raw - snapped) <= rounding;
      if (!onGrid) {
        out.warnings.push(
          `${file}:${r.line}: ${arm} seed ${seed} ${category}: ${pct}% of ${promptCount} prompt(s) = ${+raw.toFixed(4)} points, which 0/0.5/1 scoring cannot produce (the figure comes from another prompt set, weighting or rubric, or was edited)`,
        );
      }
      const score = onGrid ? snapped / promptCount : pct / 100;
      out.categoryLevel.push({ arm, seed, checkpoint, category, promptCount, score, valLoss: vl });
    }
  }
  return out;
}
