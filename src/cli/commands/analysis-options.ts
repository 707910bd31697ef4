import type { Argv } from 'yargs';

/**
 * Options shared by `analyze`, `reproduce` and `compare` (data source and pre-registered
 * analysis choices). Declared here so the three commands stay consistent.
 */
export function withAnalysisOptions<T>(y: Argv<T>) {
  return y
    .positional('study', {
      type: 'string',
      describe:
        'Study file (reads <output>/observations.jsonl; with --input, supplies only its analysis settings, scorer and baselines)',
    })
    .option('input', {
      type: 'string',
      array: true,
      describe:
        'Results from any pipeline: CSV or JSONL (per prompt or per category), or a YAML history record (repeatable)',
    })
    .option('columns', {
      type: 'string',
      describe:
        "Map another tool's columns for --input CSV/JSONL: seedstudy=theirs,… e.g. seed=run_seed,score=acc,prompt_id=doc_id",
    })
    .option('defaults', {
      type: 'string',
      describe: 'Constant values for columns an --input file lacks, e.g. arm=lr-1e-4,checkpoint=800',
    })
    .option('seed-pattern', {
      type: 'string',
      describe: "Read each --input file's seed from its name: a regular expression with one group, e.g. 'seed-(\\d+)'",
    })
    .option('metric', {
      type: 'string',
      describe: 'The lm-eval metric or inspect_ai scorer that is the score, when a file has several',
    })
    .option('filter', {
      type: 'string',
      describe: 'The lm-eval filter to import (e.g. strict-match), when a task logs several',
    })
    .option('score-values', {
      type: 'string',
      describe:
        "Values one prompt can score, for the comparability gate of --input data, e.g. 0,0.5,1 (default: the study's scorer, the records' score_values, else 0,0.5,1)",
      coerce: (s: string) => s.split(',').map((x) => Number(x.trim())),
    })
    .option('checkpoint', {
      type: 'string',
      describe: "Checkpoint policy: final | best-val | step=N (default: the study's, else final)",
    })
    .option('resamples', {
      type: 'number',
      describe: 'Bootstrap resamples and Monte Carlo permutations (default 10000)',
    })
    .option('rng-seed', { type: 'number', describe: 'Seed of every random draw, for reproducible numbers (default 1)' })
    .option('pass-threshold', {
      type: 'number',
      describe: 'A prompt (or seed) passes when its score is at least this fraction (default 1)',
    })
    .option('output', {
      type: 'string',
      describe: "Output directory: overrides the study's; with --input, where summary.json is written",
    })
    .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON' });
}

/** The parsed shared options. */
export interface AnalysisArgs {
  study?: string;
  input?: string[];
  checkpoint?: string;
  resamples?: number;
  rngSeed?: number;
  passThreshold?: number;
  scoreValues?: number[];
  output?: string;
  columns?: string;
  defaults?: string;
  seedPattern?: string;
  metric?: string;
  filter?: string;
  json: boolean;
}

/** Maps parsed arguments to the pipeline's flags. */
export function analysisFlags(a: AnalysisArgs) {
  return {
    study: a.study,
    input: a.input,
    output: a.output,
    checkpoint: a.checkpoint,
    resamples: a.resamples,
    rngSeed: a.rngSeed,
    passThreshold: a.passThreshold,
    scoreValues: a.scoreValues,
    columns: a.columns,
    defaults: a.defaults,
    seedPattern: a.seedPattern,
    metric: a.metric,
    filter: a.filter,
  };
}
