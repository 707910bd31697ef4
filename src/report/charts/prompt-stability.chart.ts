import type { ChartDefinition } from './chart.js';
import { armColorScale, SCORE_FORMAT, topLevel, WIDTH } from './theme.js';

/** Up to this many prompts get one labelled row each; beyond, a sorted pass-rate curve. */
export const LABELLED_PROMPTS_MAX = 60;

/**
 * Per-prompt stability: the share of seeds that pass each prompt. Prompts at 0% or 100% are
 * settled; anything between is decided by the seed. Small suites get one labelled row per
 * prompt; large ones a sorted curve per arm (the share of prompts above each pass rate).
 */
export const promptStabilityChart: ChartDefinition = {
  id: 'prompt-stability',
  title: 'Per-prompt stability across seeds',
  caption:
    'Share of seeds passing each prompt at the policy checkpoint. 0% and 100% are settled prompts; anything in between is decided by the training seed.',
  build: (model) => {
    if (model.promptStability.length === 0) return null;
    const color = { field: 'arm', type: 'nominal', scale: armColorScale(model), title: 'arm' };
    const pass = {
      type: 'quantitative',
      scale: { domain: [0, 1] },
      axis: { format: '.0%', title: 'Seeds passing the prompt' },
    };
    if (model.promptCount <= LABELLED_PROMPTS_MAX) {
      const rows = model.promptStability.map((p) => ({
        from: 0,
        arm: p.arm,
        prompt: p.promptId,
        category: p.category,
        pass_rate: p.passRate,
        mean_score: p.meanScore,
        seeds: p.nSeeds,
        kind: p.kind,
      }));
      const order = promptOrder(model.promptStability);
      const y = { field: 'prompt', type: 'nominal', sort: order, title: null };
      return topLevel(
        {
          title: {
            text: 'Per-prompt stability across seeds',
            subtitle: 'share of seeds passing each prompt, most reliable first',
          },
          config: { axisY: { grid: false } },
          width: WIDTH,
          height: order.length * (model.arms.length > 1 ? 24 : 18),
          data: { values: rows },
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 2, opacity: 0.5 },
              encoding: {
                y,
                yOffset: { field: 'arm', type: 'nominal', sort: model.arms.map((a) => a.name) },
                x: { field: 'from', ...pass },
                x2: { field: 'pass_rate' },
                color,
              },
            },
            {
              mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
              encoding: {
                y,
                yOffset: { field: 'arm', type: 'nominal', sort: model.arms.map((a) => a.name) },
                x: { field: 'pass_rate', ...pass },
                color,
                tooltip: [
                  { field: 'arm' },
                  { field: 'prompt' },
                  { field: 'category' },
                  { field: 'pass_rate', title: 'seeds passing', format: SCORE_FORMAT },
                  { field: 'mean_score', title: 'mean score', format: SCORE_FORMAT },
                  { field: 'seeds' },
                  { field: 'kind' },
                ],
              },
            },
          ],
        },
        'Dot plot of the share of seeds passing each prompt, per arm.',
      );
    }
    const rows = model.arms.flatMap(({ name }) => {
      const mine = model.promptStability.filter((p) => p.arm === name).sort((a, b) => b.passRate - a.passRate);
      return mine.map((p, i) => ({
        arm: name,
        prompt: p.promptId,
        rank: (i + 0.5) / mine.length,
        pass_rate: p.passRate,
      }));
    });
    return topLevel(
      {
        title: {
          text: 'Per-prompt stability across seeds',
          subtitle: `${model.promptCount} prompts sorted by the share of seeds passing them`,
        },
        width: WIDTH,
        height: 260,
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5 },
        encoding: {
          x: {
            field: 'rank',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { format: '.0%', title: 'Prompts, sorted (share of the suite)' },
          },
          y: { field: 'pass_rate', ...pass },
          color,
          tooltip: [
            { field: 'arm' },
            { field: 'prompt' },
            { field: 'pass_rate', title: 'seeds passing', format: SCORE_FORMAT },
          ],
        },
      },
      'Sorted curve of per-prompt pass rates across seeds, per arm.',
    );
  },
};

/** Prompt ids by mean pass rate over arms, most reliable first (ties by id). */
function promptOrder(rows: readonly { promptId: string; passRate: number }[]): string[] {
  const sum = new Map<string, { total: number; n: number }>();
  for (const r of rows) {
    const s = sum.get(r.promptId) ?? sum.set(r.promptId, { total: 0, n: 0 }).get(r.promptId)!;
    s.total += r.passRate;
    s.n += 1;
  }
  const mean = (id: string): number => sum.get(id)!.total / sum.get(id)!.n;
  return [...sum.keys()].sort((a, b) => mean(b) - mean(a) || (a < b ? -1 : a > b ? 1 : 0));
}
