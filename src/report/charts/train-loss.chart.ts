import type { ChartDefinition } from './chart.js';
import { bandCaption, bandLabel } from '../../wording/band.js';
import { curveLayers } from './curve-layers.js';
import { HEIGHT, topLevel, WIDTH } from './theme.js';

/** Training loss over steps per seed with the mean and a band: did the seeds train alike? */
export const trainLossChart: ChartDefinition = {
  id: 'train-loss',
  title: 'Training loss per seed',
  caption: (model) =>
    `Training loss as mlx-lm reported it. Thin lines: individual seeds. Thick line: mean over seeds. ${bandCaption(model.band)}`,
  build: (model) => {
    if (model.trainLoss.length === 0) return null;
    const seeds = model.trainLoss.map((p) => ({ arm: p.arm, seed: p.seed, step: p.step, value: p.loss }));
    return topLevel(
      {
        title: {
          text: 'Training loss per seed',
          subtitle: `thin: seeds · thick: mean over seeds · band: ${bandLabel(model.band)}`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: curveLayers(model, seeds, model.trainLossBand, {
          title: 'Training loss',
          format: '.4f',
          scale: { zero: false },
        }),
      },
      'Line chart of training loss against training step, per seed, with the mean over seeds and a band.',
    );
  },
};
