import type { ChartDefinition } from './chart.js';
import { armColorScale, topLevel, WIDTH, HEIGHT } from './theme.js';

/** Val loss per seed over training: whether seeds differ already in loss, or only in behaviour. */
export const valLossChart: ChartDefinition = {
  id: 'val-loss',
  title: 'Validation loss per seed',
  caption: 'One line per seed: the exact validation loss of each evaluated checkpoint.',
  build: (model) => {
    const rows = model.checkpointScores
      .filter((c) => c.valLoss !== null)
      .map((c) => ({ arm: c.arm, seed: c.seed, step: c.step, val_loss: c.valLoss }));
    if (rows.length === 0) return null;
    const many = model.seeds.length > 20;
    return topLevel(
      {
        title: { text: 'Validation loss per seed', subtitle: 'one line per seed' },
        width: WIDTH,
        height: HEIGHT,
        data: { values: rows },
        mark: {
          type: 'line',
          strokeWidth: many ? 1 : 1.8,
          opacity: many ? 0.3 : 0.8,
          point: many ? false : { size: 22 },
        },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'Training step', scale: { nice: false } },
          y: { field: 'val_loss', type: 'quantitative', scale: { zero: false }, title: 'Validation loss' },
          color: {
            field: 'arm',
            type: 'nominal',
            scale: armColorScale(model),
            legend: { title: 'arm', symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
          },
          detail: { field: 'seed', type: 'nominal' },
          tooltip: [
            { field: 'arm' },
            { field: 'seed' },
            { field: 'step' },
            { field: 'val_loss', title: 'val loss', format: '.4f' },
          ],
        },
      },
      'Line chart of validation loss against training step, one line per seed.',
    );
  },
};
