import type { ChartDefinition } from './chart.js';
import { armColorScale, SCORE_AXIS, SCORE_FORMAT, topLevel, HEIGHT } from './theme.js';

/** Val loss against eval score per (seed, checkpoint): is lower loss a good proxy for behaviour? */
export const lossVsScoreChart: ChartDefinition = {
  id: 'loss-vs-score',
  title: 'Validation loss vs eval score',
  caption:
    'One point per seed and checkpoint, coloured by seed (by arm beyond ten seeds), shaped by arm. A clear downward slope means val loss is a usable proxy for picking checkpoints; a cloud means it is not.',
  build: (model) => {
    const rows = model.checkpointScores
      .filter((c) => c.valLoss !== null)
      .map((c) => ({ arm: c.arm, seed: String(c.seed), step: c.step, val_loss: c.valLoss, score: c.score }));
    if (rows.length === 0) return null;
    const fewSeeds = model.seeds.length <= 10;
    return topLevel(
      {
        title: {
          text: 'Validation loss vs eval score',
          subtitle: fewSeeds
            ? 'one point per (seed, checkpoint)'
            : `one point per (seed, checkpoint); ${model.seeds.length} seeds are too many to colour apart, so colour shows the arm`,
        },
        width: 480,
        height: HEIGHT,
        data: { values: rows },
        mark: { type: 'point', filled: true, size: fewSeeds ? 60 : 24, opacity: fewSeeds ? 0.8 : 0.35 },
        encoding: {
          x: { field: 'val_loss', type: 'quantitative', scale: { zero: false }, title: 'Validation loss' },
          y: {
            field: 'score',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { ...SCORE_AXIS, title: 'Mean score over prompts' },
          },
          color: fewSeeds
            ? {
                field: 'seed',
                type: 'nominal',
                scale: { scheme: 'dark2' },
                title: 'seed',
                sort: model.seeds.map(String),
              }
            : { field: 'arm', type: 'nominal', scale: armColorScale(model), title: 'arm' },
          shape: { field: 'arm', type: 'nominal', sort: model.arms.map((a) => a.name), title: 'arm' },
          tooltip: [
            { field: 'arm' },
            { field: 'seed' },
            { field: 'step' },
            { field: 'val_loss', title: 'val loss', format: '.4f' },
            { field: 'score', format: SCORE_FORMAT },
          ],
        },
      },
      'Scatter plot of validation loss against mean eval score per seed and checkpoint.',
    );
  },
};
