import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { chartCaption } from '../../src/report/charts/chart.js';
import { trainLossChart } from '../../src/report/charts/train-loss.chart.js';
import { valLossChart } from '../../src/report/charts/val-loss.chart.js';
import { powerRowFromScores } from '../../src/report/without-analysis.js';
import { syntheticStudy } from '../../scripts/bench/_synthetic-study.mjs';
import { loadSmallStudy } from './small-study.js';

describe('buildReportModel', () => {
  it('uses the analysis for inferential numbers and the observations for everything drawn', async () => {
    const model = buildReportModel(await loadSmallStudy());
    expect(model.arms.map((a) => a.name)).toEqual(['baseline', 'shuffled']);
    expect(model.seedScores).toHaveLength(8);
    expect(model.seedScores.every((s) => s.step === 300)).toBe(true);
    expect(model.checkpointScores).toHaveLength(24);
    expect(model.comparisons).toHaveLength(1);
    expect(model.baselines[0]!.name).toBe('phase33b');
    // 82.4% cannot come from 6 prompts scored 0/0.5/1 (k/12): no verdict, no seed count, the reason instead.
    expect(model.headline[0]!.plain).toBe(
      'The claimed 82.4% (phase33b) cannot be checked with this eval: it was not measured the same way, so no number of seeds of arm baseline can confirm or refute it.',
    );
    expect(model.headline[0]!.numbers).toMatch(
      /^Why: 82\.4% \(±0\.05 points rounding\) is not an overall score 6 prompts scored 0, 0\.5 or 1 can produce \(nearest: 75\.00% and 83\.33%\)/,
    );
    // The curves and the checkpoint-selection section come from metrics.jsonl and the analysis.
    expect(model.trainLoss).toHaveLength(8 * 30);
    expect(model.trainLossBand).toHaveLength(2 * 30);
    expect(model.valLossBand).toHaveLength(2 * 3);
    expect(model.checkpointSelection.map((a) => [a.arm, a.seeds.length, a.verdicts.length])).toEqual([
      ['baseline', 4, 3],
      ['shuffled', 4, 3],
    ]);
    expect(model.baselines.map((b) => [b.name, b.verdict, b.comparabilityProblems.length])).toEqual([
      ['phase33b', 'not-comparable', 1],
      ['best-checkpoint', 'reproduces', 0],
    ]);
    expect(model.drilldown.prompts).toHaveLength(6);
    expect(model.drilldown.note).toBeNull();
    expect(model.provenance.runs).toHaveLength(8);
  });

  it('draws the band the reader chose around the mean curves, and names it', async () => {
    const input = await loadSmallStudy();
    const minmax = buildReportModel(input);
    const sd = buildReportModel({ ...input, band: 'sd' });
    // Baseline at step 300: seeds 25.0%, 66.7%, 33.3%, 50.0% (the seed table); min–max is 25.0%–66.7%.
    const at300 = (m: typeof sd) => m.trajectory.find((t) => t.arm === 'baseline' && t.step === 300)!;
    expect([at300(minmax).low, at300(minmax).high]).toEqual([0.25, 2 / 3]);
    // Mean 43.75%, sample sd 18.48 points (arms table): mean ± 1 sd.
    expect(at300(sd).low).toBeCloseTo(0.4375 - 0.18476, 4);
    expect(at300(sd).high).toBeCloseTo(0.4375 + 0.18476, 4);
    expect(sd.band).toBe('sd');
    expect(JSON.stringify(trainLossChart.build(sd))).toContain('band: mean ± 1 sd of the seeds');
    expect(chartCaption(valLossChart, sd)).toMatch(/mean ± one standard deviation of the seeds/);
  });

  it('falls back to descriptive statistics without an analysis, and says so', async () => {
    const model = buildReportModel(await loadSmallStudy({ analysis: null }));
    expect(model.comparisons).toEqual([]);
    expect(model.warnings[0]).toMatch(/No analysis/);
    expect(model.armSummaries[0]!.mean).toBeCloseTo(0.4375, 10);
    expect(model.armSummaries[0]!.ci95?.method).toBe('t');
    expect(model.varianceComponents.length).toBeGreaterThan(0);
    expect(model.power.length).toBe(2);
  });

  it('without an analysis, computes variance components and power with statistics/, as analyze does', async () => {
    const withAnalysis = buildReportModel(await loadSmallStudy());
    const without = buildReportModel(await loadSmallStudy({ analysis: null }));
    // Same policy scores, so the same numbers as the analysis path (which summary.json holds).
    expect(without.power).toEqual(withAnalysis.power);
    const names = (rows: typeof without.varianceComponents) => rows.map((r) => [r.arm, r.component]);
    expect(names(without.varianceComponents)).toEqual(names(withAnalysis.varianceComponents));
    without.varianceComponents.forEach((r, i) => {
      expect(r.variance).toBeCloseTo(withAnalysis.varianceComponents[i]!.variance, 12);
    });
  });

  it('without an analysis, the power curve is the exact noncentral-t one: 17 seeds per arm at d = 1', () => {
    // Scores 0.4/0.5/0.6 have sd 0.1, so Δ = 10 points is d = 1. Exact answer 17 (scipy nct, the call cited in
    // test/statistics/power.test.ts); the normal approximation the report used before said 16.
    const row = powerRowFromScores('a', [0.4, 0.5, 0.6])!;
    expect(row.curve.find((p) => Math.abs(p.delta - 0.1) < 1e-12)?.seedsPerArm).toBe(17);
  });

  it('applies the best-val and step=N policies itself when there is no analysis', async () => {
    const input = await loadSmallStudy({ analysis: null });
    const step = buildReportModel({ ...input, study: { ...input.study, checkpointPolicy: 'step=200' } });
    expect(step.seedScores.every((s) => s.step === 200)).toBe(true);
    const best = buildReportModel({ ...input, study: { ...input.study, checkpointPolicy: 'best-val' } });
    for (const s of best.seedScores) {
      const losses = best.checkpointScores.filter((c) => c.arm === s.arm && c.seed === s.seed).map((c) => c.valLoss!);
      expect(s.valLoss).toBe(Math.min(...losses));
    }
  });

  it('limits the drill-down of a big study and says what it left out', () => {
    const s = syntheticStudy({ arms: ['a', 'b'], seeds: 20, checkpoints: 3, prompts: 100 });
    const model = buildReportModel({
      study: { name: 'big', arms: ['a', 'b'], checkpointPolicy: 'final', passThreshold: 1 },
      ...s,
      generatedAt: 'now',
      seedstudyVersion: 'test',
      limits: { drilldownPrompts: 10, drilldownSeeds: 5, outputChars: 10 },
    });
    expect(model.drilldown.prompts).toHaveLength(10);
    expect(model.drilldown.prompts[0]!.arms[0]!.entries).toHaveLength(5);
    expect(model.drilldown.note).toMatch(/10 least stable of 100 prompts.*first 5 of 20 seeds/);
    const long = model.drilldown.prompts
      .flatMap((p) => p.arms.flatMap((a) => a.entries))
      .find((e) => e.truncatedChars > 0);
    expect(long?.output).toHaveLength(10);
  });
});
