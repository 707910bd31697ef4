import { extname } from 'node:path';
import { UserError } from '../errors/user-error.js';
import type { Observation } from '../statistics/observation.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import { parseCsv } from './csv-parse.js';
import type { HistoryCheckJson } from '../statistics/analysis-result.js';

/**
 * Imports results from any pipeline, so seedstudy can analyse runs it did not train.
 * Two long formats, CSV or JSONL, detected from the columns:
 *  - per prompt: `arm,seed,checkpoint,prompt_id,category,score` [+ `failure_class,val_loss,repeat`]
 *  - per category: `arm,seed,checkpoint,category,prompt_count,percentage` [+ `val_loss`], for
 *    historical results that kept only category percentages (the seed document's Phase 33b).
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

function detect(file: string, line: number, columns: readonly string[]): 'prompt' | 'category' {
  const has = (c: string) => columns.includes(c);
  const kind = has('prompt_id') || has('score') ? 'prompt' : has('prompt_count') || has('percentage') ? 'category' : undefined;
  if (!kind) {
    fail(file, line, undefined, `cannot tell the format from the columns (${columns.join(', ')})`, `use the columns ${LONG.join(',')} (per prompt) or ${CATEGORY.join(',')} (per category)`);
  }
  const required: readonly string[] = kind === 'prompt' ? LONG : CATEGORY;
  const allowed = new Set<string>([...required, ...(kind === 'prompt' ? LONG_OPTIONAL : CATEGORY_OPTIONAL)]);
  const missing = required.filter((c) => !has(c));
  if (missing.length) fail(file, line, missing[0], `missing column(s) ${missing.join(', ')}`, `a ${kind}-level file needs the columns ${required.join(',')}`);
  const unknown = columns.filter((c) => !allowed.has(c));
  if (unknown.length) fail(file, line, unknown[0], `unknown column(s) ${unknown.join(', ')}`, `allowed columns: ${[...allowed].join(', ')} (check the spelling)`);
  return kind;
}

function text(file: string, r: Row, column: string): string {
  const v = r.get(column);
  if (v === undefined || v === '') fail(file, r.line, column, `"${column}" is empty`, `give every row a ${column}`);
  return v;
}

function num(file: string, r: Row, column: string, opts: { int?: boolean; min?: number; max?: number; optional?: boolean; fix: string }): number | undefined {
  const raw = r.get(column);
  if (raw === undefined || raw === '') {
    if (opts.optional) return undefined;
    fail(file, r.line, column, `"${column}" is empty`, opts.fix);
  }
  const v = Number(raw);
  const bad = !Number.isFinite(v) || (opts.int && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max);
  if (bad) fail(file, r.line, column, `"${column}" = ${JSON.stringify(raw)} is not valid`, opts.fix);
  return v;
}

function rowsOf(file: string, content: string): { kind: 'prompt' | 'category'; rows: Row[] } {
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
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) fail(file, i + 1, undefined, 'a line is not a JSON object', 'write one JSON object per line');
      const rec = obj as Record<string, unknown>;
      const k = detect(file, i + 1, Object.keys(rec));
      if (kind && k !== kind) fail(file, i + 1, undefined, `mixes ${kind}-level and ${k}-level rows`, 'put per-prompt and per-category results in separate files');
      kind = k;
      rows.push({ line: i + 1, get: (c) => (rec[c] === undefined || rec[c] === null ? undefined : String(rec[c])) });
    });
    if (!kind) fail(file, 1, undefined, 'the file has no records', 'export at least one row');
    return { kind, rows };
  }
  let records;
  try {
    records = parseCsv(content);
  } catch (e) {
    fail(file, 1, undefined, (e as Error).message, 'close the quote or remove it');
  }
  const header = records[0];
  if (!header) fail(file, 1, undefined, 'the file is empty', 'export a header row and at least one data row');
  const columns = header.fields.map((c) => c.toLowerCase());
  const kind = detect(file, header.line, columns);
  const rows = records.slice(1).map((rec) => {
    if (rec.fields.length !== columns.length) {
      fail(file, rec.line, undefined, `has ${rec.fields.length} fields, the header has ${columns.length}`, 'quote fields that contain commas');
    }
    return { line: rec.line, get: (c: string) => rec.fields[columns.indexOf(c)] };
  });
  if (rows.length === 0) fail(file, header.line, undefined, 'the file has a header but no rows', 'export at least one data row');
  return { kind, rows };
}

/** Parses one file's text (pure apart from naming the file in errors). */
export function parseObservationsText(file: string, content: string): ImportedData {
  const { kind, rows } = rowsOf(file, content);
  const out: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [] };
  const seen = new Map<string, number>();
  const valLoss = new Map<string, { v: number; line: number }>();
  for (const r of rows) {
    const arm = text(file, r, 'arm');
    const seed = num(file, r, 'seed', { int: true, fix: 'seed must be an integer' })!;
    const checkpoint = num(file, r, 'checkpoint', { int: true, min: 0, fix: 'checkpoint is the training step, an integer ≥ 0 (0 = base model)' })!;
    const category = text(file, r, 'category');
    const vl = num(file, r, 'val_loss', { min: 0, optional: true, fix: 'val_loss must be a non-negative number or empty' });
    if (vl !== undefined) {
      const ck = `${arm}\u0000${seed}\u0000${checkpoint}`;
      const prev = valLoss.get(ck);
      if (prev && prev.v !== vl) fail(file, r.line, 'val_loss', `val_loss ${vl} differs from ${prev.v} on line ${prev.line} for the same checkpoint`, 'a checkpoint has one val loss: use the same value on every row');
      valLoss.set(ck, { v: vl, line: r.line });
    }
    if (kind === 'prompt') {
      const promptId = text(file, r, 'prompt_id');
      const score = num(file, r, 'score', { min: 0, max: 1, fix: 'scores are fractions in [0, 1] (divide percentages by 100)' })!;
      const repeat = num(file, r, 'repeat', { int: true, min: 0, optional: true, fix: 'repeat must be an integer ≥ 0' }) ?? 0;
      const key = `${arm}\u0000${seed}\u0000${checkpoint}\u0000${promptId}\u0000${repeat}`;
      if (seen.has(key)) fail(file, r.line, 'prompt_id', `duplicate of line ${seen.get(key)} (same arm, seed, checkpoint, prompt_id, repeat)`, 'remove the duplicate, or number repeated evaluations in a repeat column');
      seen.set(key, r.line);
      const fc = r.get('failure_class');
      out.observations.push({ arm, seed, checkpoint, promptId, category, score, failureClass: fc ? fc : undefined, valLoss: vl, repeat });
    } else {
      const promptCount = num(file, r, 'prompt_count', { int: true, min: 1, fix: 'prompt_count is the number of prompts in the category, an integer ≥ 1' })!;
      const pct = num(file, r, 'percentage', { min: 0, max: 100, fix: 'percentage is the category score in percent, 0 to 100' })!;
      const key = `${arm}\u0000${seed}\u0000${checkpoint}\u0000${category}`;
      if (seen.has(key)) fail(file, r.line, 'category', `duplicate of line ${seen.get(key)} (same arm, seed, checkpoint, category)`, 'give each category one row per checkpoint');
      seen.set(key, r.line);
      // A printed percentage is rounded (33.3% of 3 prompts is 1 point): snap to the 0.5-point grid when
      // the rounding explains the gap, otherwise keep the figure and warn (Phase 33b: 60% of 9 = 5.4).
      const raw = (pct / 100) * promptCount;
      const snapped = Math.round(raw * 2) / 2;
      const rounding = 0.5 * 10 ** -decimals(r.get('percentage')!) / 100 * promptCount + 1e-9;
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
