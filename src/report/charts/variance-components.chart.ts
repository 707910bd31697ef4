import type { ChartDefinition } from './chart.js';
import { topLevel } from './theme.js';

const COMPONENT_COLORS: Record<string, string> = {
  'between seeds (training)': '#d62728',
  'between prompts': '#9ecae1',
  'seed × prompt interaction': '#c7c7c7',
  decoding: '#f2b447',
};

/** Where the variance comes from: training seed vs which prompts vs leftover noise. */
export const varianceComponentsChart: ChartDefinition = {
  id: 'variance-components',
  title: 'Where the variance comes from',
  caption:
    'Share of the score variance of one (seed, prompt) answer due to the training seed, to differences between prompts, and to the remaining interaction/noise.',
  build: (model) => {
    if (model.varianceComponents.length === 0) return null;
    const components = Object.keys(COMPONENT_COLORS).filter((c) =>
      model.varianceComponents.some((v) => v.component === c),
    );
    const rows = model.varianceComponents.map((v, i) => ({
      arm: v.arm,
      component: v.component,
      order: components.indexOf(v.component),
      variance: v.variance,
      share: v.share,
      sd_points: Math.sqrt(v.variance) * 100,
      i,
    }));
    const y = {
      field: 'arm',
      type: 'nominal',
      sort: model.arms.map((a) => a.name),
      title: null,
      axis: { labelFontWeight: 'bold', labelFontSize: 12 },
    };
    const x = {
      field: 'share',
      type: 'quantitative',
      stack: 'zero',
      scale: { domain: [0, 1] },
      axis: { format: '.0%', title: 'Share of variance' },
    };
    return topLevel(
      {
        title: {
          text: 'Where the variance comes from',
          subtitle: 'two-way random effects (seed × prompt) at the policy checkpoint',
        },
        width: 560,
        height: { step: 44 },
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              y,
              x,
              color: {
                field: 'component',
                type: 'nominal',
                sort: components,
                scale: { domain: components, range: components.map((c) => COMPONENT_COLORS[c]!) },
                title: 'component',
                legend: { labelLimit: 320 },
              },
              order: { field: 'order' },
              tooltip: [
                { field: 'arm' },
                { field: 'component' },
                { field: 'share', format: '.1%' },
                { field: 'variance', format: '.4f' },
                { field: 'sd_points', title: 'sd (points)', format: '.1f' },
              ],
            },
          },
          {
            transform: [{ filter: 'datum.share >= 0.08' }],
            mark: { type: 'text', fontSize: 11, color: '#111' },
            encoding: {
              y,
              x: { ...x, bandPosition: 0.5 },
              order: { field: 'order' },
              text: { field: 'share', format: '.0%' },
            },
          },
        ],
      },
      'Stacked horizontal bars of variance shares per arm.',
    );
  },
};
