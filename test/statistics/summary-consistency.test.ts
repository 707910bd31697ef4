import { describe, expect, it } from 'vitest';
import {
  checkReportedSummary as checkFindings,
  type HistoryData,
  type ReportedSummary,
} from '../../src/statistics/summary-consistency.js';
import { wordHistoryCheck } from '../../src/wording/history-checks.js';

/** The checks with their words (wording/history-checks.ts), as the history record holds them. */
const checkReportedSummary = (data: HistoryData, reported: ReportedSummary, values: readonly number[] | null) =>
  checkFindings(data, reported, values).map(wordHistoryCheck);
import { PHASE43A_TABLE } from '../fixtures/phase43a/per-prompt-table.js';

// The seed document's Phase 43a per-prompt table: 1 × 1.0, 19 × 0.5, 7 × 0.
const data: HistoryData = {
  granularity: 'prompt',
  prompts: PHASE43A_TABLE.map(([id, category, score]) => ({ id, category, score })),
};
const fig = (text: string) => ({
  value: Number.parseFloat(text) / 100,
  tolerance: (0.5 * 10 ** -(text.split('.')[1]?.length ?? 0)) / 100,
  text: `${text}%`,
});

describe('summary figures recomputed from the data', () => {
  it('detects the Phase 43a summary-vs-table disagreement: 16 × 0.5 and 10 × 0 printed, 19 and 7 in the table', () => {
    const checks = checkReportedSummary(
      data,
      {
        source: 'Score distribution',
        counts: [
          { score: 1, prompts: 1 },
          { score: 0.5, prompts: 16 },
          { score: 0, prompts: 10 },
        ],
      },
      [0, 0.5, 1],
    );
    const by = Object.fromEntries(checks.map((c) => [c.figure, c]));
    expect(by['prompts scoring 1']).toMatchObject({ agrees: true, recomputed: 1 });
    expect(by['prompts scoring 0.5']).toMatchObject({
      agrees: false,
      reported: '16',
      recomputed: 19,
      detail: 'the per-prompt table has 19',
    });
    expect(by['prompts scoring 0']).toMatchObject({ agrees: false, reported: '10', recomputed: 7 });
    expect(by['prompts counted']).toMatchObject({ agrees: true, recomputed: 27 });
    // The printed counts would give (1 + 8)/27 = 33.3%, not the 38.9% (10.5/27) of the table.
    expect(by['overall implied by the counts']).toMatchObject({ agrees: false, reported: '33.33%' });
    expect(by['overall implied by the counts']!.recomputed).toBeCloseTo(10.5 / 27, 12);
  });
  it('accepts the printed category table and overall, which the data reproduce within rounding', () => {
    const checks = checkReportedSummary(
      data,
      {
        source: 'Pre-Registered Success Criteria vs Actual',
        overall: fig('38.9'),
        categories: {
          text_tools: fig('50.0'),
          validation: fig('50.0'),
          git: fig('33.3'),
          cst: fig('16.7'),
          lsp: fig('50.0'),
          domain: fig('27.8'),
          multi_tool: fig('100.0'),
        },
      },
      [0, 0.5, 1],
    );
    expect(checks).toHaveLength(8);
    expect(checks.filter((c) => !c.agrees)).toEqual([]);
  });
  it('flags a wrong category, an unknown category and an overall that is the plain category mean', () => {
    const checks = checkReportedSummary(
      data,
      { source: 's', overall: fig('46.8'), categories: { git: fig('50.0'), refactoring: fig('10') } },
      [0, 0.5, 1],
    );
    const by = Object.fromEntries(checks.map((c) => [c.figure, c]));
    expect(by['category git']).toMatchObject({
      agrees: false,
      detail: 'differs from 33.33% recomputed from the per-prompt data (+16.67 points)',
    });
    expect(by['category refactoring']).toMatchObject({ agrees: false });
    expect(by['category refactoring']!.recomputed).toBeUndefined();
    // Mean of the 7 category means = (50+50+50+33.33+16.67+27.78+100)/7 = 46.83%: the overall printed as 46.8% is that,
    // not 38.9%.
    expect(by.overall!.agrees).toBe(false);
    expect(by.overall!.detail).toContain(
      'it is the plain mean of the categories (46.83%), not the prompt-weighted overall',
    );
  });
  it('category-level data: an unreachable printed overall is flagged even when it matches the categories (Phase 33b 82.4%)', () => {
    const cats: HistoryData = {
      granularity: 'category',
      categories: [
        { category: 'text_tools', prompts: 3, score: 1 },
        { category: 'validation', prompts: 3, score: 1 },
        { category: 'git', prompts: 3, score: 1 },
        { category: 'cst', prompts: 3, score: 1 },
        { category: 'lsp', prompts: 5, score: 0.9 },
        { category: 'domain', prompts: 9, score: 0.6 },
        { category: 'multi_tool', prompts: 1, score: 0.35 },
      ],
    };
    const [overall] = checkReportedSummary(cats, { source: 'Overall', overall: fig('82.4') }, [0, 0.5, 1]);
    expect(overall!.recomputed).toBeCloseTo(22.25 / 27, 12);
    expect(overall!.agrees).toBe(false);
    expect(overall!.detail).toBe(
      'matches 82.41% recomputed from the category data, but 82.4% is not a score 27 prompts can produce (nearest 81.48% and 83.33%)',
    );
    // "~22/27 at 1.0, ~5/27 at 0.5" implies 24.5/27 = 90.74%, 8.33 points above the data.
    const counts = checkReportedSummary(
      cats,
      {
        source: 'Comparison',
        counts: [
          { score: 1, prompts: 22 },
          { score: 0.5, prompts: 5 },
          { score: 0, prompts: 0 },
        ],
        approximate: true,
      },
      [0, 0.5, 1],
    );
    expect(counts.map((c) => c.figure)).toEqual(['prompts counted', 'overall implied by the counts']);
    expect(counts[1]).toMatchObject({
      agrees: false,
      reported: '90.74%',
      detail: 'differs from 82.41% recomputed from the data (+8.33 points) (printed as approximate)',
    });
    // statistics/ returns the finding and its numbers; only wording/ writes the sentence.
    const printedCounts = [
      { score: 1, prompts: 22 },
      { score: 0.5, prompts: 5 },
    ];
    const [, implied] = checkFindings(
      cats,
      { source: 'Comparison', counts: printedCounts, approximate: true },
      [0, 0.5, 1],
    );
    expect(implied).not.toHaveProperty('detail');
    expect(implied!.finding).toMatchObject({ kind: 'implied-overall', matches: false, approximate: true });
    if (implied!.finding.kind === 'implied-overall') expect(implied!.finding.implied).toBeCloseTo(24.5 / 27, 12);
  });
});
