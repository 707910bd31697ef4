import { stringify } from 'csv-stringify/sync';
import { csvText } from './escape.js';
import { csvNum } from '../wording/numbers.js';
import type { ReportModel } from './report-model.js';

/**
 * The report's CSV files (one header row, stable row order, fixed decimals, RFC 4180 quoting
 * by csv-stringify): scores in long format for any other tool, plus runs, checkpoints and the
 * per-arm summary. Scores are fractions, as in every machine-readable seedstudy output.
 */
export function renderCsvFiles(
  model: ReportModel,
): Record<'runs.csv' | 'checkpoints.csv' | 'scores.csv' | 'summary.csv', string> {
  return {
    'runs.csv': runsCsv(model),
    'checkpoints.csv': checkpointsCsv(model),
    'scores.csv': scoresCsv(model),
    'summary.csv': summaryCsv(model),
  };
}

function csv(header: string[], rows: (string | number)[][]): string {
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

/** One row per (arm, seed): identity, status, the policy score and environment. */
function runsCsv(model: ReportModel): string {
  const runs = new Map(model.provenance.runs.map((r) => [`${r.arm}\u0000${r.seed}`, r]));
  const rows = model.seedScores.map((s) => {
    const r = runs.get(`${s.arm}\u0000${s.seed}`);
    return [
      csvText(s.arm),
      s.seed,
      csvText(r?.runId ?? ''),
      csvText(r?.status ?? ''),
      s.step,
      csvNum(s.score),
      csvNum(s.valLoss),
      s.nPrompts,
      csvText(r?.mlxLmVersion ?? ''),
      csvText(r?.host ?? ''),
      csvText(r?.startedAt ?? ''),
      csvText(r?.finishedAt ?? ''),
    ];
  });
  return csv(
    [
      'arm',
      'seed',
      'run_id',
      'status',
      'policy_step',
      'score',
      'val_loss',
      'n_prompts',
      'mlx_lm_version',
      'host',
      'started_at',
      'finished_at',
    ],
    rows,
  );
}

/** One row per (arm, seed, checkpoint). */
function checkpointsCsv(model: ReportModel): string {
  const rows = model.checkpointScores.map((c) => [
    csvText(c.arm),
    c.seed,
    c.step,
    csvNum(c.score),
    csvNum(c.valLoss),
    c.nPrompts,
    c.policy ? 'true' : 'false',
    csvText(c.sha256 ?? ''),
  ]);
  return csv(['arm', 'seed', 'step', 'score', 'val_loss', 'n_prompts', 'policy', 'checkpoint_sha256'], rows);
}

/** Every observation in long format. Hand-assembled rows: this file has millions of lines in big studies. */
function scoresCsv(model: ReportModel): string {
  const chunks: string[] = ['arm,seed,step,prompt_id,category,repeat,score,failure_class,val_loss\n'];
  let parts: string[] = [];
  const cache = new Map<string, string>();
  const cell = (s: string): string => {
    let v = cache.get(s);
    if (v === undefined) {
      v = stringify([[csvText(s)]], { record_delimiter: 'unix' }).slice(0, -1);
      if (cache.size < 100_000) cache.set(s, v);
    }
    return v;
  };
  const scoreText = new Map<number, string>();
  const score = (x: number): string => {
    let v = scoreText.get(x);
    if (v === undefined) {
      v = csvNum(x, 4);
      if (scoreText.size < 10_000) scoreText.set(x, v);
    }
    return v;
  };
  let lastLoss: number | undefined = NaN;
  let lastLossText = '';
  for (const o of model.observations) {
    if (o.valLoss !== lastLoss) {
      lastLoss = o.valLoss;
      lastLossText = csvNum(o.valLoss, 6);
    }
    parts.push(
      `${cell(o.arm)},${o.seed},${o.checkpoint},${cell(o.promptId)},${cell(o.category)},${o.repeat ?? 0},${score(o.score)},${cell(o.failureClass ?? '')},${lastLossText}\n`,
    );
    if (parts.length === 10_000) {
      chunks.push(parts.join(''));
      parts = [];
    }
  }
  chunks.push(parts.join(''));
  return chunks.join('');
}

/** One row per arm: the headline statistics. */
function summaryCsv(model: ReportModel): string {
  const rows = model.armSummaries.map((a) => [
    csvText(a.arm),
    a.nSeeds,
    csvNum(a.mean),
    csvNum(a.sd),
    csvNum(a.median),
    csvNum(a.iqm),
    csvNum(a.min),
    csvNum(a.max),
    csvNum(a.ci95?.low),
    csvNum(a.ci95?.high),
    csvText(a.ci95?.method ?? ''),
    csvNum(a.pi95?.low),
    csvNum(a.pi95?.high),
  ]);
  return csv(
    [
      'arm',
      'n_seeds',
      'mean',
      'sd',
      'median',
      'iqm',
      'min',
      'max',
      'ci95_low',
      'ci95_high',
      'ci95_method',
      'pi95_low',
      'pi95_high',
    ],
    rows,
  );
}
