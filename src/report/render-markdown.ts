import { escapeMarkdownInline as md, markdownFence } from './escape.js';
import { pct, plural } from '../wording/numbers.js';
import type { ReportModel } from './report-model.js';
import type { RenderedChart } from './rendered-chart.js';
import { checkpointTable } from './checkpoint-table.js';
import { CHECKPOINT_INTRO, inSelection } from './checkpoint-section.js';
import type { Verdict } from '../wording/verdict.js';
import { inSequential } from './sequential-section.js';
import { sequentialTable } from './sequential-table.js';
import {
  armTable,
  baselineTable,
  comparisonTable,
  promptTable,
  provenanceTable,
  seedTable,
  type TextTable,
} from './tables.js';

/** Prompts, and seeds per arm, whose outputs report.md quotes (index.html has the full drill-down). */
export const MARKDOWN_DRILLDOWN_PROMPTS = 3;
export const MARKDOWN_DRILLDOWN_SEEDS = 4;

/**
 * report.md: the same story as index.html for a pull request or lab notebook, with charts as
 * PNG files beside it (SVG and spec linked). Pure and deterministic (golden-tested). Inline
 * strings from runs are HTML- and Markdown-escaped; model outputs sit in fenced blocks whose
 * fence no output can close.
 */
export function renderMarkdown(
  model: ReportModel,
  charts: readonly Pick<RenderedChart, 'id' | 'title' | 'caption'>[],
): string {
  const out: string[] = [];
  out.push(`# Variance report: ${md(model.study.name)}`, '');
  if (model.study.description) out.push(md(model.study.description), '');
  out.push(
    `${plural(model.arms.length, 'arm')} · ${plural(model.seeds.length, 'seed')} · ${plural(model.steps.length, 'checkpoint')} · ${plural(model.promptCount, 'prompt')} · checkpoint policy **${md(model.study.checkpointPolicy)}** · pass = score ≥ ${pct(model.study.passThreshold)}`,
    '',
  );
  out.push('## Verdicts', '');
  if (model.headline.length === 0) out.push('No verdicts: the study has no scored runs yet.');
  for (const v of model.headline) out.push(verdictLine(v));
  out.push('');
  if (model.warnings.length) {
    out.push('> **Read with care**', '>');
    for (const w of model.warnings) out.push(`> - ${md(w)}`);
    out.push('');
  }
  const chart = (c: Pick<RenderedChart, 'id' | 'title' | 'caption'>): void => {
    out.push(
      `### ${md(c.title)}`,
      '',
      `![${md(c.title)}](charts/${c.id}.png)`,
      '',
      `${md(c.caption)} ([SVG](charts/${c.id}.svg), [vega-lite spec](charts/${c.id}.vl.json))`,
      '',
    );
  };
  if (model.sequential) {
    const s = model.sequential.sentences;
    out.push('## Sequential design', '');
    if (s.redesign) out.push(`> **Redesigned:** ${md(s.redesign)}`, '');
    out.push(verdictLine(s.decision));
    for (const l of [...s.inference, ...(s.savings ? [s.savings] : [])]) out.push(`- ${md(l)}`);
    for (const n of s.notes) out.push(`- _${md(n)}_`);
    out.push('');
    for (const c of charts.filter(inSequential)) chart(c);
    out.push(table(sequentialTable(model.sequential)));
  }
  out.push(table(armTable(model)));
  if (model.comparisons.length) out.push(table(comparisonTable(model)));
  if (model.baselines.length) out.push(table(baselineTable(model)));
  out.push('## Charts', '');
  for (const c of charts.filter((c) => !inSelection(c) && !inSequential(c))) chart(c);
  if (model.checkpointSelection.length) {
    out.push('## Which checkpoint?', '', md(CHECKPOINT_INTRO), '');
    for (const v of model.checkpointSelection.flatMap((a) => a.verdicts)) out.push(verdictLine(v));
    out.push('');
    for (const c of charts.filter(inSelection)) chart(c);
    out.push(table(checkpointTable(model)));
  }
  out.push(table(seedTable(model)));
  out.push(table(promptTable(model, 30)));
  out.push(drilldown(model));
  out.push(table(provenanceTable(model)));
  out.push(
    '---',
    '',
    'Files: `index.html` (interactive, offline), `summary.json` (the analysis), `scores.csv` (every score, long format), `runs.csv`, `checkpoints.csv`, `summary.csv`, `charts/`.',
    '',
  );
  return out.join('\n');
}

/** One verdict as a list item: the plain sentence in bold, then the numbers. */
function verdictLine(v: Verdict): string {
  return `- **${md(v.plain)}**${v.numbers ? ` ${md(v.numbers)}` : ''}`;
}

/** A text table in GitHub-flavoured Markdown, every cell escaped. */
function table(t: TextTable): string {
  const lines = [`## ${md(t.title)}`, '', md(t.intro), ''];
  if (t.rows.length === 0) return [...lines, 'None.', ''].join('\n');
  lines.push(`| ${t.headers.map(md).join(' | ')} |`);
  lines.push(`|${t.align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of t.rows) lines.push(`| ${r.map(md).join(' | ')} |`);
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- _${md(n)}_`));
  lines.push('');
  return lines.join('\n');
}

/** The least stable prompts' outputs, each seed in its own fenced block. */
function drilldown(model: ReportModel): string {
  const prompts = model.drilldown.prompts.slice(0, MARKDOWN_DRILLDOWN_PROMPTS);
  const lines = [
    '## Outputs of the least stable prompts',
    '',
    `Answers at the policy checkpoint of the first ${plural(MARKDOWN_DRILLDOWN_SEEDS, 'seed')} per arm for the ${plural(prompts.length, 'least stable prompt')}; index.html shows ${plural(model.drilldown.prompts.length, 'prompt')}.`,
    '',
  ];
  for (const p of prompts) {
    lines.push(`### ${md(p.promptId)} (${md(p.category)})`, '');
    for (const a of p.arms) {
      lines.push(`**${md(a.arm)}**: ${pct(a.passRate)} of seeds pass.`, '');
      for (const x of a.entries.slice(0, MARKDOWN_DRILLDOWN_SEEDS)) {
        const what = [`seed ${x.seed}`, `step ${x.step}`, pct(x.score), x.failureClass, x.reason]
          .filter((v): v is string => Boolean(v))
          .join(' · ');
        lines.push(`- ${md(what)}`, '');
        const text =
          x.output === null
            ? '(output not found)'
            : x.truncatedChars
              ? `${x.output}\n… (${x.truncatedChars} more characters)`
              : x.output;
        lines.push(indent(markdownFence(text)), '');
      }
    }
  }
  return lines.join('\n');
}

/** Indents a block to sit inside a list item. */
function indent(block: string): string {
  return block
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n');
}
