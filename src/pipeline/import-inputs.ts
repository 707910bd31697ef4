import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { parseObservationsText, type ImportedData } from '../results/import-observations.js';
import { NO_IMPORT_OPTIONS, type ImportOptions } from '../results/import-options.js';
import { isInspectLog, parseInspectLog } from '../results/inspect-log.js';
import {
  lmEvalResultsName,
  lmEvalSamplesName,
  parseLmEvalSamples,
  type LmEvalResults,
} from '../results/lm-eval-samples.js';
import { parseHistoryRecord } from './import-history-record.js';

/**
 * `--input FILE...`: results from any pipeline, merged. Each file's format is told from its name
 * and content: a YAML file is a history record (a write-up's run with the summary figures it
 * printed, checked against its data on import); `samples_<task>_<date>.jsonl` is an lm-eval
 * per-sample log (paired with the `results_<date>.json` beside it); a JSON document with `eval`
 * and `version` is an inspect_ai log; anything else is seedstudy's long format in CSV or JSONL,
 * optionally through a column map. Across files an arm may not be both per-prompt and
 * per-category, and the same run may not appear twice.
 */
/** Reads and merges the --input files. */
export async function importInputs(
  files: readonly string[],
  options: ImportOptions = NO_IMPORT_OPTIONS,
): Promise<ImportedData> {
  const merged: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [], outputs: [] };
  const declared: number[][] = [];
  const runFile = new Map<string, string>();
  const armFile = new Map<string, { file: string; kind: 'prompt' | 'category' }>();
  for (const file of files) {
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch (e) {
      throw new UserError(`cannot read the input file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
        file,
        fix: 'check the path given to --input',
      });
    }
    let part: ImportedData;
    if (['.yaml', '.yml'].includes(extname(file).toLowerCase())) {
      const h = parseHistoryRecord(file, content);
      part = {
        observations: h.observations,
        categoryLevel: h.categoryLevel,
        warnings: h.warnings,
        historyChecks: [{ file, arm: h.arm, checks: h.checks }],
      };
      declared.push(h.scoreValues);
    } else {
      part = await parseOtherFormat(file, content, options);
    }
    const kind = part.observations.length ? 'prompt' : 'category';
    for (const arm of new Set([...part.observations, ...part.categoryLevel].map((o) => o.arm))) {
      const prev = armFile.get(arm);
      if (prev && prev.kind !== kind) {
        throw new UserError(`arm "${arm}" has ${kind}-level rows here and ${prev.kind}-level rows in ${prev.file}`, {
          file,
          fix: 'give the category-level results their own arm name',
        });
      }
      armFile.set(arm, { file, kind });
    }
    // The same run at the same checkpoint from two files would count one run twice as two seeds' worth of data.
    for (const o of [...part.observations, ...part.categoryLevel]) {
      const run = `${o.arm}\u0000${o.seed}\u0000${o.checkpoint}`;
      const prev = runFile.get(run);
      if (prev !== undefined && prev !== file) {
        throw new UserError(
          `arm "${o.arm}" seed ${o.seed} checkpoint ${o.checkpoint} is also in ${prev}: the same run would be counted twice`,
          {
            file,
            fix: 'give each run (arm, seed, checkpoint) in one file only; a re-run of the same config needs its own seed number',
          },
        );
      }
      runFile.set(run, file);
    }
    merged.observations.push(...part.observations);
    merged.categoryLevel.push(...part.categoryLevel);
    merged.warnings.push(...part.warnings);
    merged.historyChecks.push(...part.historyChecks);
    merged.outputs!.push(...(part.outputs ?? []));
  }
  if (declared.length) {
    // Records that declare different rubrics: the gate can only assume a prompt may score any value of any of them.
    const union = [...new Set(declared.flat())].sort((a, b) => a - b);
    const same = declared.every((v) => v.join(',') === declared[0]!.join(','));
    merged.scoreValues = {
      values: union,
      source: same
        ? "the history records' score_values"
        : `the union of the history records' differing score_values (${union.join(', ')})`,
    };
    if (!same)
      merged.warnings.push(
        `the history records declare different score_values (${[...new Set(declared.map((v) => v.join('/')))].join(' vs ')}): the comparability gate uses their union, which makes it more permissive`,
      );
  }
  return merged;
}

/** Any --input file that is not a history record: lm-eval samples, an inspect_ai log, or long-format CSV/JSONL. */
async function parseOtherFormat(file: string, content: string, options: ImportOptions): Promise<ImportedData> {
  if (extname(file).toLowerCase() === '.eval') {
    throw new UserError('this is an inspect_ai log in its binary .eval format, which seedstudy does not read', {
      file,
      fix: `convert it to JSON first: inspect log convert ${file} --to json --output-dir DIR, then give DIR's .json file`,
    });
  }
  const lmEval = lmEvalSamplesName(file);
  if (lmEval) {
    const resultsFile = join(dirname(file), lmEvalResultsName(lmEval.dateId));
    let results: LmEvalResults | undefined;
    const text = await readFile(resultsFile, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        results = { file: resultsFile, json: JSON.parse(text) };
      } catch (e) {
        throw new UserError(`not valid JSON: ${(e as Error).message}`, {
          file: resultsFile,
          fix: 'give the results file lm-eval wrote',
        });
      }
    }
    return parseLmEvalSamples(file, content, results, options);
  }
  if (extname(file).toLowerCase() === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      json = undefined; // not one JSON document: JSONL, read below
    }
    if (isInspectLog(json)) return parseInspectLog(file, content, options);
    if (json !== undefined && typeof json === 'object' && json !== null && 'results' in json && 'configs' in json) {
      throw new UserError('this is an lm-eval results summary, which has no per-prompt scores', {
        file,
        fix: 'run lm_eval with --log_samples and give the samples_<task>_<date>.jsonl files it writes beside this one',
      });
    }
  }
  return parseObservationsText(file, content, options);
}
