import type { ChartDefinition } from './chart.js';
import { bandCaption, bandLabel } from '../../wording/band.js';
import { curveLayers } from './curve-layers.js';
import { HEIGHT, topLevel, WIDTH } from './theme.js';

/** Val loss per seed over training with the mean and a band: do seeds differ already in loss, or only in behaviour? */
export const valLossChart: ChartDefinition = {
  id: 'val-loss',
  title: 'Validation loss per seed',
  caption: (model) =>
    `Validation loss at each validation step. Thin lines: individual seeds. Thick line: mean over seeds. ${bandCaption(model.band)}`,
  build: (model) => {
    if (model.valLoss.length === 0) return null;
    const seeds = model.valLoss.map((p) => ({ arm: p.arm, seed: p.seed, step: p.step, value: p.loss }));
    return topLevel(
      {
        title: {
          text: 'Validation loss per seed',
          subtitle: `thin: seeds · thick: mean over seeds · band: ${bandLabel(model.band)}`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: curveLayers(model, seeds, model.valLossBand, {
          title: 'Validation loss',
          format: '.4f',
          scale: { zero: false },
        }),
      },
      'Line chart of validation loss against training step, per seed, with the mean over seeds and a band.',
    );
  },
};
