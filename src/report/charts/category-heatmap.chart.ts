import type { ChartDefinition } from './chart.js';
import { SCORE_FORMAT, topLevel } from './theme.js';

/** Category × seed heatmap per arm: which capabilities the seed decides. */
export const categoryHeatmapChart: ChartDefinition = {
  id: 'category-heatmap',
  title: 'Score by category and seed',
  caption:
    'Mean score of each prompt category for each seed at the policy checkpoint. Rows that change colour along a row are categories the seed decides.',
  build: (model) => {
    if (model.categoryCells.length === 0) return null;
    const rows = model.categoryCells.map((c) => ({
      arm: c.arm,
      seed: String(c.seed),
      category: c.category,
      score: c.score,
      prompts: c.nPrompts,
    }));
    const labels = model.seeds.length <= 24 && model.categories.length <= 30;
    const x = {
      field: 'seed',
      type: 'ordinal',
      sort: model.seeds.map(String),
      title: 'Seed',
      axis: { labelAngle: 0, labelOverlap: true },
    };
    const y = { field: 'category', type: 'nominal', sort: model.categories, title: null };
    const layer: Record<string, unknown>[] = [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x,
          y,
          color: {
            field: 'score',
            type: 'quantitative',
            scale: { domain: [0, 1], scheme: 'blues' },
            legend: { format: '.0%', title: 'score' },
          },
          tooltip: [
            { field: 'arm' },
            { field: 'seed' },
            { field: 'category' },
            { field: 'score', format: SCORE_FORMAT },
            { field: 'prompts' },
          ],
        },
      },
    ];
    if (labels) {
      layer.push({
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x,
          y,
          text: { field: 'score', format: '.0%' },
          color: { condition: { test: 'datum.score > 0.6', value: 'white' }, value: '#222' },
        },
      });
    }
    const step = model.seeds.length <= 24 ? 34 : Math.max(6, Math.floor(640 / model.seeds.length));
    return topLevel(
      {
        title: { text: 'Score by category and seed', subtitle: 'policy checkpoint; one panel per arm' },
        data: { values: rows },
        facet: {
          field: 'arm',
          type: 'nominal',
          sort: model.arms.map((a) => a.name),
          title: null,
          header: { labelAnchor: 'start', labelFontSize: 13 },
        },
        columns: 1,
        spec: { width: { step }, height: { step: 22 }, layer },
      },
      'Heatmap of mean score per prompt category and seed, one panel per arm.',
    );
  },
};
