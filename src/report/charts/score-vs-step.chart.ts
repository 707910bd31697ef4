import type { ChartDefinition } from './chart.js';
import { armColorScale, SCORE_AXIS, SCORE_FORMAT, topLevel, WIDTH, HEIGHT } from './theme.js';

/**
 * Score against training step: one thin line per seed, the mean over seeds as a thick line and
 * the min–max band over seeds, so one sees when seeds diverge and whether "the last checkpoint"
 * is a stable choice.
 */
export const scoreVsStepChart: ChartDefinition = {
  id: 'score-vs-step',
  title: 'Score vs training step',
  caption:
    'Thin lines: individual seeds. Thick line: mean over seeds. Shaded band: lowest to highest seed at each step.',
  build: (model) => {
    if (model.checkpointScores.length === 0) return null;
    const color = {
      field: 'arm',
      type: 'nominal',
      scale: armColorScale(model),
      legend: { title: 'arm', symbolType: 'stroke', symbolStrokeWidth: 3.5, symbolOpacity: 1 },
    };
    const x = {
      field: 'step',
      type: 'quantitative',
      title: 'Training step',
      scale: { nice: false },
      axis: { tickMinStep: 1 },
    };
    const y = {
      type: 'quantitative',
      scale: { domain: [0, 1] },
      axis: { ...SCORE_AXIS, title: 'Mean score over prompts' },
    };
    const manySeeds = model.seeds.length > 20;
    const band = model.trajectory.map((t) => ({
      arm: t.arm,
      step: t.step,
      mean: t.mean,
      low: t.low,
      high: t.high,
      n_seeds: t.nSeeds,
    }));
    const seeds = model.checkpointScores.map((c) => ({ arm: c.arm, seed: c.seed, step: c.step, score: c.score }));
    return topLevel(
      {
        title: {
          text: 'Score vs training step',
          subtitle: 'thin: seeds · thick: mean over seeds · band: min–max over seeds',
        },
        width: WIDTH,
        height: HEIGHT,
        layer: [
          {
            data: { values: band },
            mark: { type: 'area', opacity: 0.14 },
            encoding: { x, y: { field: 'low', ...y }, y2: { field: 'high' }, color },
          },
          {
            data: { values: seeds },
            mark: {
              type: 'line',
              strokeWidth: 1,
              opacity: manySeeds ? 0.18 : 0.45,
              point: manySeeds ? false : { size: 18, opacity: 0.6 },
            },
            encoding: {
              x,
              y: { field: 'score', ...y },
              color,
              detail: { field: 'seed', type: 'nominal' },
              tooltip: [
                { field: 'arm' },
                { field: 'seed' },
                { field: 'step' },
                { field: 'score', format: SCORE_FORMAT },
              ],
            },
          },
          {
            data: { values: band },
            mark: { type: 'line', strokeWidth: 3.5, point: { size: 40, filled: true } },
            encoding: {
              x,
              y: { field: 'mean', ...y },
              color,
              tooltip: [
                { field: 'arm' },
                { field: 'step' },
                { field: 'mean', title: 'mean over seeds', format: SCORE_FORMAT },
                { field: 'low', title: 'lowest seed', format: SCORE_FORMAT },
                { field: 'high', title: 'highest seed', format: SCORE_FORMAT },
                { field: 'n_seeds', title: 'seeds' },
              ],
            },
          },
        ],
      },
      'Line chart of mean score over prompts against training step, per seed, with the mean over seeds and its range.',
    );
  },
};
