import { describe, expect, it } from 'vitest';
import { formatAnalysis } from '../../src/cli/format-analysis.js';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import type { AnalysisResult } from '../../src/statistics/analysis-result.js';
import { analysisVerdicts } from '../../src/wording/analysis-sentences.js';
import { verdictText } from '../../src/wording/verdict.js';
import { loadSmallStudy } from './small-study.js';

/** HTML text content: tags dropped, the five escapes undone. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Markdown inline text: bold markers and backslash escapes dropped, HTML escapes undone. */
function markdownText(md: string): string {
  return htmlText(md.replace(/\*\*/g, '').replace(/\\(.)/g, '$1'));
}

/**
 * The same analysis reads the same everywhere: the verdicts `seedstudy analyze` prints, the ones
 * summary.json holds, and the ones at the top of index.html and report.md are the same sentences,
 * in the same order (the small-study fixture, whose summary.json the current code wrote).
 */
describe('one wording for the CLI, the HTML and the Markdown', () => {
  it('prints the same verdict sentences in the terminal, summary.json, index.html and report.md', async () => {
    const input = await loadSmallStudy();
    const analysis = input.analysis as AnalysisResult;
    const expected = analysisVerdicts(analysis).map(verdictText);
    expect(expected.length).toBeGreaterThanOrEqual(5);

    const cli = formatAnalysis(analysis).split('\n');
    const from = cli.indexOf('What the data say:');
    const cliVerdicts = cli
      .slice(from + 1)
      .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('  • ')))
      .map((l) => l.slice('  • '.length));

    const model = buildReportModel(input);
    const html = renderHtml(model, []);
    const list = /<section id="verdicts"><h2>Verdicts<\/h2><ul class="verdicts">(.*?)<\/ul>/s.exec(html)![1]!;
    const htmlVerdicts = [...list.matchAll(/<li[^>]*>(.*?)<\/li>/gs)].map((m) => htmlText(m[1]!));

    const md = renderMarkdown(model, []).split('\n');
    const start = md.indexOf('## Verdicts') + 2;
    const mdVerdicts = md.slice(start, md.indexOf('', start)).map((l) => markdownText(l.replace(/^- /, '')));

    expect(cliVerdicts).toEqual(expected);
    expect(analysis.headline).toEqual(expected);
    expect(htmlVerdicts).toEqual(expected);
    expect(mdVerdicts).toEqual(expected);
  });

  it('prints the same checkpoint-selection sentences in the terminal and the report', async () => {
    const input = await loadSmallStudy();
    const model = buildReportModel(input);
    const cli = formatAnalysis(input.analysis as AnalysisResult).split('\n');
    const from = cli.indexOf('Which checkpoint:');
    const printed = cli.slice(from + 1, cli.indexOf('', from)).map((l) => l.slice('  • '.length));
    const report = model.checkpointSelection.flatMap((a) => a.verdicts.map(verdictText));
    expect(report).toHaveLength(6);
    expect(printed).toEqual(report);
    const html = htmlText(renderHtml(model, []));
    for (const sentence of report) expect(html).toContain(sentence);
    const md = markdownText(renderMarkdown(model, []));
    for (const sentence of report) expect(md).toContain(sentence);
  });

  it("shows the arms' notes once each, the same in the terminal and the report", async () => {
    const input = await loadSmallStudy();
    const analysis = input.analysis as AnalysisResult;
    const model = buildReportModel(input);
    const cliNotes = formatAnalysis(analysis)
      .split('\n')
      .filter((l) => l.startsWith('  ! '))
      .map((l) => l.slice(4));
    expect(cliNotes).toEqual(analysis.warnings);
    expect(model.warnings).toEqual(analysis.warnings);
    expect(new Set(analysis.warnings).size).toBe(analysis.warnings.length);
    // One sentence per note kind, even though both arms carry it.
    expect(analysis.warnings.filter((w) => /only 4 seeds/.test(w))).toHaveLength(1);
    // A note that says "read the seeds" lists them.
    expect(analysis.warnings.find((w) => /two groups/.test(w))).toMatch(/seed 0: 25\.0%, seed 1: 66\.7%/);
  });
});
