import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { UserError } from '../errors/user-error.js';
import type { ImportedData } from './import-observations.js';
import { fileDefaults, type ImportOptions } from './import-options.js';

/**
 * Imports lm-evaluation-harness per-sample logs, so a team that already evaluates with lm-eval
 * can analyse its seeds here without re-running anything. The format followed is lm-eval 0.4.13's
 * (`lm_eval --log_samples --output_path DIR`): `DIR/<model>/samples_<task>_<date>.jsonl`, one
 * JSON object per document and filter with `doc_id`, `filter`, `metrics` (the metric names),
 * `resps`/`filtered_resps`, `doc_hash`/`prompt_hash`/`target_hash`, and each metric's value
 * under its own name; beside it `results_<date>.json` (same date) holds the run's identity
 * (`model_name`, `config.model_args`, `versions`, `n-shot`) and `task_hashes[task]`, the sha256
 * of the concatenated sample hashes, which is checked here so a samples file is never paired
 * with another run's results.
 *
 * The category of a sample is its task, the prompt id its `doc_id`; arm, seed and checkpoint
 * come from `--defaults`/`--seed-pattern` (lm-eval knows nothing of training seeds), the arm
 * otherwise from the results' `model_name`.
 */
export interface LmEvalResults {
  file: string;
  json: unknown;
}

const SAMPLES_NAME = /^samples_(.+)_(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?)\.jsonl$/;

/** The task and date of an lm-eval samples file name, or undefined for any other name. */
export function lmEvalSamplesName(file: string): { task: string; dateId: string } | undefined {
  const m = SAMPLES_NAME.exec(basename(file));
  return m ? { task: m[1]!, dateId: m[2]! } : undefined;
}

/** The results file lm-eval writes beside a samples file (same directory, same date id). */
export function lmEvalResultsName(dateId: string): string {
  return `results_${dateId}.json`;
}

interface Sample {
  line: number;
  docId: string;
  filter: string;
  metrics: string[];
  rec: Record<string, unknown>;
}

function fail(file: string, line: number | undefined, message: string, fix: string, keyPath?: string): never {
  throw new UserError(message, { file, ...(line !== undefined ? { line } : {}), ...(keyPath ? { keyPath } : {}), fix });
}

function readSamples(file: string, content: string): Sample[] {
  const out: Sample[] = [];
  content.split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (e) {
      fail(
        file,
        i + 1,
        `not valid JSON: ${(e as Error).message}`,
        'lm-eval writes one JSON object per line; re-export the samples',
      );
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec))
      fail(file, i + 1, 'a line is not a JSON object', 'give the samples_<task>_<date>.jsonl file lm-eval wrote');
    const r = rec as Record<string, unknown>;
    if (typeof r.doc_id !== 'number' && typeof r.doc_id !== 'string')
      fail(file, i + 1, 'the sample has no doc_id', 'give the samples file written by lm_eval --log_samples', 'doc_id');
    if (!Array.isArray(r.metrics) || !r.metrics.every((m) => typeof m === 'string'))
      fail(
        file,
        i + 1,
        'the sample has no metrics list',
        'give the samples file written by lm_eval --log_samples (0.4.x)',
        'metrics',
      );
    out.push({
      line: i + 1,
      docId: String(r.doc_id),
      filter: typeof r.filter === 'string' ? r.filter : 'none',
      metrics: r.metrics,
      rec: r,
    });
  });
  if (out.length === 0)
    fail(file, undefined, 'the samples file has no records', 'give a samples file of a finished lm-eval run');
  return out;
}

/** sha256 of a string as lm-eval's `hash_string` computes it. */
function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** One choice out of several the file offers (metric or filter): the flag's, or the only one. */
function choose(
  file: string,
  what: 'metric' | 'filter',
  offered: readonly string[],
  chosen: string | undefined,
): string {
  if (chosen !== undefined) {
    if (!offered.includes(chosen))
      fail(
        file,
        undefined,
        `the samples have no ${what} "${chosen}"`,
        `use --${what} with one of: ${offered.join(', ')}`,
      );
    return chosen;
  }
  if (offered.length !== 1)
    fail(
      file,
      undefined,
      `the samples log ${offered.length} ${what}s (${offered.join(', ')})`,
      `choose the score with --${what} NAME`,
    );
  return offered[0]!;
}

/** What lm-eval's results JSON says about the run and task, or undefined when there is none. */
function identity(results: LmEvalResults | undefined, task: string): { arm?: string; taskHash?: string } {
  if (!results) return {};
  const j = results.json as Record<string, unknown>;
  if (typeof j !== 'object' || j === null || typeof j.results !== 'object' || j.results === null) {
    fail(
      results.file,
      undefined,
      'not an lm-eval results file (no "results" object)',
      'give the results_<date>.json lm-eval wrote with the samples',
    );
  }
  if (!(task in j.results)) {
    fail(
      results.file,
      undefined,
      `has no results for task "${task}"`,
      'pair the samples file with the results file of the same run (same date in the name)',
    );
  }
  const hashes = j.task_hashes as Record<string, unknown> | undefined;
  const name = typeof j.model_name === 'string' && j.model_name ? j.model_name : undefined;
  return { arm: name, taskHash: typeof hashes?.[task] === 'string' ? hashes[task] : undefined };
}

/**
 * Parses one samples file (pure: the caller reads the results file). A metric outside [0, 1]
 * (BLEU, perplexity) is refused rather than rescaled: seedstudy's statistics are for scores
 * in [0, 1], and the user should pick the metric that is.
 */
export function parseLmEvalSamples(
  file: string,
  content: string,
  results: LmEvalResults | undefined,
  options: ImportOptions,
): ImportedData {
  const name = lmEvalSamplesName(file);
  if (!name)
    fail(file, undefined, 'not named like an lm-eval samples file', "keep lm-eval's name samples_<task>_<date>.jsonl");
  const samples = readSamples(file, content);
  const id = identity(results, name.task);
  if (results && id.taskHash !== undefined) {
    const got = sha256(
      samples.map((s) => `${String(s.rec.doc_hash)}${String(s.rec.prompt_hash)}${String(s.rec.target_hash)}`).join(''),
    );
    if (got !== id.taskHash) {
      fail(
        file,
        undefined,
        `the samples do not match ${results.file} (task_hashes.${name.task} is ${id.taskHash.slice(0, 12)}…, the samples hash to ${got.slice(0, 12)}…)`,
        'pair each samples file with the results file lm-eval wrote in the same run, and do not edit either',
      );
    }
  }
  const filter = choose(file, 'filter', [...new Set(samples.map((s) => s.filter))], options.filter);
  const chosen = samples.filter((s) => s.filter === filter);
  const metric = choose(file, 'metric', [...new Set(chosen.flatMap((s) => s.metrics))], options.metric);
  const constants = fileDefaults(file, options);
  const arm = constants.get('arm') ?? id.arm;
  if (arm === undefined)
    fail(file, undefined, 'no arm: the results file gives no model_name', 'name the arm with --defaults arm=NAME');
  const seedText = constants.get('seed');
  if (seedText === undefined)
    fail(
      file,
      undefined,
      'no seed: lm-eval does not know which training seed it evaluated',
      'give it with --seed-pattern (from the file name) or --defaults seed=N',
    );
  const seed = Number(seedText);
  const checkpoint = Number(constants.get('checkpoint') ?? 0);
  const category = constants.get('category') ?? name.task;
  const out: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [], outputs: [] };
  if (!results)
    out.warnings.push(
      `${file}: no ${lmEvalResultsName(name.dateId)} beside it: the run's identity (model, task version, n-shot) is unchecked`,
    );
  if (!constants.has('checkpoint'))
    out.warnings.push(
      `${file}: no checkpoint given: its scores are taken as one checkpoint, step 0 (give --defaults checkpoint=STEP)`,
    );
  const seen = new Map<string, number>();
  for (const s of chosen) {
    const value = s.rec[metric];
    const score = typeof value === 'boolean' ? Number(value) : value;
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
      fail(
        file,
        s.line,
        `${metric} = ${JSON.stringify(value)} is not a score in [0, 1]`,
        `choose a metric scored 0 to 1 with --metric (this file has: ${s.metrics.join(', ')})`,
        metric,
      );
    }
    const prev = seen.get(s.docId);
    if (prev !== undefined)
      fail(
        file,
        s.line,
        `doc_id ${s.docId} again (first on line ${prev}) for filter ${filter}`,
        'give each document once per filter (a samples file of one run)',
        'doc_id',
      );
    seen.set(s.docId, s.line);
    out.observations.push({ arm, seed, checkpoint, promptId: s.docId, category, score });
    const resp = (s.rec.filtered_resps as unknown[] | undefined)?.[0];
    out.outputs!.push({
      arm,
      seed,
      checkpoint,
      promptId: s.docId,
      output: typeof resp === 'string' ? resp : resp === undefined ? null : JSON.stringify(resp),
      reason: `lm-eval ${metric} (${filter}) = ${score}; target ${JSON.stringify(s.rec.target ?? null)}`,
    });
  }
  return out;
}
