import { num, pct, pctInterval, plural, points, pointsInterval, pValue } from '../wording/numbers.js';
import type { ReportModel } from './report-model.js';
import { PRACTICAL_SEEDS } from '../statistics/baseline-reproduction.js';

/**
 * The report's tables as formatted (still unescaped) text cells, shared by the HTML and
 * Markdown renderers so both show exactly the same numbers; each renderer escapes cells
 * for its medium.
 */
export interface TextTable {
  id: string;
  title: string;
  /** One sentence under the title: what the table answers. */
  intro: string;
  headers: string[];
  /** 'r' for numbers, 'l' for text. */
  align: ('l' | 'r')[];
  rows: string[][];
  /** Shown under the table (rows left out, caveats). */
  notes?: string[];
}

/** Per-arm statistics over seeds. */
export function armTable(model: ReportModel): TextTable {
  return {
    id: 'arms',
    title: 'Arms over seeds',
    intro: `Each seed is scored at the ${model.study.checkpointPolicy} checkpoint (pre-registered policy); statistics are over seeds.`,
    headers: ['Arm', 'Seeds', 'Mean', 'SD', 'Median', 'IQM', 'Range', '95% CI of the mean', '95% PI (one new run)'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: model.armSummaries.map((a) => [
      a.arm,
      String(a.nSeeds),
      pct(a.mean),
      a.sd === null ? 'n/a' : `${num(a.sd * 100, 1)} pts`,
      pct(a.median),
      pct(a.iqm),
      a.min === null || a.max === null ? 'n/a' : `${pct(a.min)}–${pct(a.max)}`,
      pctInterval(a.ci95),
      pctInterval(a.pi95),
    ]),
    notes: model.armSummaries.flatMap((a) => a.notes.map((n) => `${a.arm}: ${n}`)),
  };
}

/** Arm-vs-arm comparisons. */
export function comparisonTable(model: ReportModel): TextTable {
  return {
    id: 'comparisons',
    title: 'Arm vs arm',
    intro:
      'Difference of mean scores over seeds (A − B) in percentage points, with tests that do and do not assume normal seed scores.',
    headers: [
      'A − B',
      'Difference',
      '95% CI',
      'Welch p',
      'Welch p (Holm)',
      'Mann–Whitney p',
      'Permutation p',
      "Hedges' g",
      'P(A > B)',
    ],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: model.comparisons.map((c) => [
      `${c.a} − ${c.b}`,
      points(c.diff),
      pointsInterval(c.ci95),
      pValue(c.welchP),
      pValue(c.welchPHolm),
      pValue(c.mannWhitneyP),
      pValue(c.permutationP),
      num(c.hedgesG, 2),
      c.probImprovement === null
        ? 'n/a'
        : c.probImprovementCi
          ? `${pct(c.probImprovement)} ${pctInterval(c.probImprovementCi)}`
          : pct(c.probImprovement),
    ]),
  };
}

/** Claimed baselines and their verdicts. */
export function baselineTable(model: ReportModel): TextTable {
  return {
    id: 'baselines',
    title: 'Claimed results',
    intro:
      'Could the claim come from this eval at all (Comparable: every claimed figure is a score these prompts and this scorer can produce)? If so, does it reproduce with this config? P(run ≥ claim) is the chance that one new training run reaches the claim.',
    headers: [
      'Claim',
      'Arm',
      'Claimed',
      'Comparable',
      'Seeds below',
      'P(run ≥ claim)',
      'In 95% PI',
      'Verdict',
      'Seeds to decide',
      'Why',
    ],
    align: ['l', 'l', 'r', 'l', 'r', 'r', 'l', 'l', 'r', 'l'],
    rows: model.baselines.map((b) => [
      b.source ? `${b.name} (${b.source})` : b.name,
      b.arm,
      pct(b.claimed),
      b.comparabilityProblems.length ? 'no' : 'yes',
      b.percentile === null ? 'n/a' : `${num(b.percentile, 1)}%`,
      b.probAtLeast === null ? 'n/a' : `${pct(b.probAtLeast)} ${pctInterval(b.probAtLeastCi)}`,
      b.inPi95 === null ? 'n/a' : b.inPi95 ? 'yes' : 'no',
      b.verdict.replace(/-/g, ' '),
      b.verdict === 'not-comparable'
        ? 'n/a (not comparable)'
        : b.seedsNeeded === null
          ? 'n/a'
          : b.seedsNeeded > PRACTICAL_SEEDS
            ? `none practical (${b.seedsNeeded}: the claim sits at the rule's 1-in-20 line)`
            : String(b.seedsNeeded),
      b.verdictReason,
    ]),
  };
}

/** Every seed's headline score. */
export function seedTable(model: ReportModel): TextTable {
  return {
    id: 'seeds',
    title: 'Every seed',
    intro: 'The score of each training run at its policy checkpoint.',
    headers: ['Arm', 'Seed', 'Checkpoint', 'Score', 'Val loss', 'Prompts'],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
    rows: model.seedScores.map((s) => [
      s.arm,
      String(s.seed),
      String(s.step),
      pct(s.score),
      num(s.valLoss, 4),
      String(s.nPrompts),
    ]),
  };
}

/** The least stable prompts (the ones the seed decides). */
export function promptTable(model: ReportModel, limit: number): TextTable {
  const rows = model.promptStability.filter((p) => p.kind === 'seed-dependent');
  const shown = rows.slice(0, limit);
  const settled = model.promptStability.length - rows.length;
  return {
    id: 'prompts',
    title: 'Prompts the seed decides',
    intro: `Prompts that some seeds pass and others fail (pass = score ≥ ${pct(model.study.passThreshold)}); ${plural(settled, 'arm × prompt pair')} behave the same for every seed.`,
    headers: ['Arm', 'Prompt', 'Category', 'Seeds passing', 'Mean score'],
    align: ['l', 'l', 'l', 'r', 'r'],
    rows: shown.map((p) => [p.arm, p.promptId, p.category, `${pct(p.passRate)} of ${p.nSeeds}`, pct(p.meanScore)]),
    notes:
      rows.length > shown.length
        ? [`${rows.length - shown.length} more seed-dependent prompts are in scores.csv.`]
        : [],
  };
}

/** The mlx-lm column: the version, and which trainer ran it when it was not `mlx_lm lora`. */
function trainerCell(r: ReportModel['provenance']['runs'][number]): string {
  const version = r.mlxLmVersion ?? 'n/a';
  if (r.trainer !== 'prefix-cache') return version;
  const resumed = r.resumedFromIteration ? `, resumed exactly after iteration ${r.resumedFromIteration}` : '';
  return `${version} (prefix-cache trainer${resumed})`;
}

/** Run identities and environments. */
export function provenanceTable(model: ReportModel): TextTable {
  return {
    id: 'provenance',
    title: 'Provenance',
    intro: `Generated ${model.provenance.generatedAt} by seedstudy ${model.provenance.seedstudyVersion}${model.provenance.studyFileSha256 ? `; study file sha256 ${model.provenance.studyFileSha256}` : ''}${model.provenance.gitCommit ? `; git commit ${model.provenance.gitCommit}` : ''}.`,
    headers: [
      'Arm',
      'Seed',
      'Run id (config hash)',
      'Status',
      'mlx-lm',
      'Host',
      'Started',
      'Ended',
      'Checkpoints (step: sha256)',
    ],
    align: ['l', 'r', 'l', 'l', 'l', 'l', 'l', 'l', 'l'],
    rows: model.provenance.runs.map((r) => [
      r.arm,
      String(r.seed),
      r.runId,
      r.status,
      trainerCell(r),
      r.host ?? 'n/a',
      r.startedAt ?? 'n/a',
      r.finishedAt ?? 'n/a',
      r.checkpoints.map((c) => `${c.step}: ${c.sha256 ? c.sha256.slice(0, 12) : 'n/a'}`).join(', '),
    ]),
  };
}
