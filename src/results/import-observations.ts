import type { Observation } from '../statistics/observation.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import type { HistoryCheckJson } from '../statistics/analysis-result.js';
import { NO_IMPORT_OPTIONS, type ImportOptions } from './import-options.js';
import { fail, num, rowsOf, text } from './long-format-rows.js';

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

/** Decimal places of a number as written ("33.3" → 1). */
function decimals(raw: string): number {
  return raw.trim().split('.')[1]?.length ?? 0;
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
