import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { CHARTS } from '../../src/report/charts/index.js';
import { chartCaption } from '../../src/report/charts/chart.js';
import { renderCsvFiles } from '../../src/report/render-csv.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import type { ReportInput } from '../../src/report/report-input.js';
import type { ReportModel } from '../../src/report/report-model.js';
import { loadSmallStudy } from './small-study.js';

const GOLDEN = fileURLToPath(new URL('../golden/report/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares with the golden file, or rewrites it when UPDATE_GOLDEN=1. */
async function golden(name: string, actual: string): Promise<void> {
  const file = join(GOLDEN, name);
  if (UPDATE) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, actual);
    return;
  }
  const expected = await readFile(file, 'utf8').catch(() => {
    throw new Error(`missing golden file ${file}: run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`);
  });
  expect(actual, `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`).toBe(expected);
}

function renderTexts(model: ReportModel): Record<string, string> {
  const charts = CHARTS.filter((c) => c.build(model) !== null).map((c) => ({
    id: c.id,
    title: c.title,
    caption: chartCaption(c, model),
  }));
  return { 'report.md': renderMarkdown(model, charts), ...renderCsvFiles(model) };
}

/** Reverses every list in the input: the output must not depend on input order. */
function shuffled(input: ReportInput): ReportInput {
  return {
    ...input,
    observations: [...input.observations].reverse(),
    outputs: [...(input.outputs ?? [])].reverse(),
    runs: [...(input.runs ?? [])].reverse(),
    valLosses: [...(input.valLosses ?? [])].reverse(),
  };
}

describe('report golden files (small-study fixture)', () => {
  let input: ReportInput;
  let texts: Record<string, string>;
  beforeAll(async () => {
    input = await loadSmallStudy();
    texts = renderTexts(buildReportModel(input));
  });

  for (const name of ['report.md', 'runs.csv', 'checkpoints.csv', 'scores.csv', 'summary.csv']) {
    it(`${name} matches its golden file`, async () => {
      await golden(name, texts[name]!);
    });
  }

  it('does not depend on the order of the input records', () => {
    expect(renderTexts(buildReportModel(shuffled(input)))).toEqual(texts);
  });

  it('keeps hostile outputs inside fences in report.md', () => {
    const md = texts['report.md']!;
    expect(md).toContain('<script>window.__pwned = 1; document.title = "pwned";</script>');
    // Outside fenced blocks no raw tag survives.
    const outside = md
      .split(/^ *`{3,}[^\n]*$/m)
      .filter((_, i) => i % 2 === 0)
      .join('\n');
    expect(outside).not.toMatch(/<(script|img|textarea|pre|b)\b/i);
    expect(md).toContain('`````text');
  });

  it('states every score in its own tables in percent with one decimal', () => {
    const md = texts['report.md']!;
    const ownTables = md
      .split('## ')
      .filter((s) => /^(Arms over seeds|Arm vs arm|Every seed|Prompts the seed decides)/.test(s));
    expect(ownTables).toHaveLength(4);
    for (const t of ownTables) {
      expect(t).not.toMatch(/\d\.\d{2,}%/);
      expect(t).toMatch(/\d\.\d%/);
    }
  });
});
