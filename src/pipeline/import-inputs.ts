import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { parseObservationsText, type ImportedData } from '../results/import-observations.js';
import { parseHistoryRecord } from './import-history-record.js';

/**
 * `--input FILE...`: results from any pipeline, merged. CSV and JSONL go through the long-format
 * parser; a YAML file is a history record (a write-up's run with the summary figures it printed,
 * checked against its data on import). Across files an arm may not be both per-prompt and
 * per-category, and the same run may not appear twice.
 */
/** Reads and merges the --input files. */
export async function importInputs(files: readonly string[]): Promise<ImportedData> {
  const merged: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [] };
  const declared: number[][] = [];
  const runFile = new Map<string, string>();
  const armFile = new Map<string, { file: string; kind: 'prompt' | 'category' }>();
  for (const file of files) {
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch (e) {
      throw new UserError(`cannot read the input file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file, fix: 'check the path given to --input' });
    }
    let part: ImportedData;
    if (['.yaml', '.yml'].includes(extname(file).toLowerCase())) {
      const h = parseHistoryRecord(file, content);
      part = { observations: h.observations, categoryLevel: h.categoryLevel, warnings: h.warnings, historyChecks: [{ file, arm: h.arm, checks: h.checks }] };
      declared.push(h.scoreValues);
    } else {
      part = parseObservationsText(file, content);
    }
    const kind = part.observations.length ? 'prompt' : 'category';
    for (const arm of new Set([...part.observations, ...part.categoryLevel].map((o) => o.arm))) {
      const prev = armFile.get(arm);
      if (prev && prev.kind !== kind) {
        throw new UserError(`arm "${arm}" has ${kind}-level rows here and ${prev.kind}-level rows in ${prev.file}`, { file, fix: 'give the category-level results their own arm name' });
      }
      armFile.set(arm, { file, kind });
    }
    // The same run at the same checkpoint from two files would count one run twice as two seeds' worth of data.
    for (const o of [...part.observations, ...part.categoryLevel]) {
      const run = `${o.arm}\u0000${o.seed}\u0000${o.checkpoint}`;
      const prev = runFile.get(run);
      if (prev !== undefined && prev !== file) {
        throw new UserError(`arm "${o.arm}" seed ${o.seed} checkpoint ${o.checkpoint} is also in ${prev}: the same run would be counted twice`, {
          file,
          fix: 'give each run (arm, seed, checkpoint) in one file only; a re-run of the same config needs its own seed number',
        });
      }
      runFile.set(run, file);
    }
    merged.observations.push(...part.observations);
    merged.categoryLevel.push(...part.categoryLevel);
    merged.warnings.push(...part.warnings);
    merged.historyChecks.push(...part.historyChecks);
  }
  if (declared.length) {
    // Records that declare different rubrics: the gate can only assume a prompt may score any value of any of them.
    const union = [...new Set(declared.flat())].sort((a, b) => a - b);
    const same = declared.every((v) => v.join(',') === declared[0]!.join(','));
    merged.scoreValues = { values: union, source: same ? "the history records' score_values" : `the union of the history records' differing score_values (${union.join(', ')})` };
    if (!same) merged.warnings.push(`the history records declare different score_values (${[...new Set(declared.map((v) => v.join('/')))].join(' vs ')}): the comparability gate uses their union, which makes it more permissive`);
  }
  return merged;
}
