import type { ChartDefinition } from './chart.js';
import { bandCaption, bandLabel } from '../../wording/band.js';
import { curveLayers } from './curve-layers.js';
import { HEIGHT, SCORE_AXIS, SCORE_FORMAT, topLevel, WIDTH } from './theme.js';

/**
 * Score against training step: one thin line per seed, the mean over seeds as a thick line and
 * the chosen band over seeds, so one sees when seeds diverge and whether "the last checkpoint"
 * is a stable choice.
 */
export const scoreVsStepChart: ChartDefinition = {
  id: 'score-vs-step',
  title: 'Score vs training step',
  caption: (model) => `Thin lines: individual seeds. Thick line: mean over seeds. ${bandCaption(model.band)}`,
  build: (model) => {
    if (model.checkpointScores.length === 0) return null;
    const seeds = model.checkpointScores.map((c) => ({ arm: c.arm, seed: c.seed, step: c.step, value: c.score }));
    return topLevel(
      {
        title: {
          text: 'Score vs training step',
          subtitle: `thin: seeds · thick: mean over seeds · band: ${bandLabel(model.band)}`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: curveLayers(model, seeds, model.trajectory, {
          title: 'Mean score over prompts',
          format: SCORE_FORMAT,
          scale: { domain: [0, 1], clamp: true },
          axis: SCORE_AXIS,
        }),
      },
      'Line chart of mean score over prompts against training step, per seed, with the mean over seeds and a band.',
    );
  },
};
