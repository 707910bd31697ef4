import type { ChartDefinition } from './chart.js';
import { armColorScale, armOrder, HEIGHT, SCORE_AXIS, SCORE_FORMAT, topLevel } from './theme.js';

const RULES = ['final', 'best val', 'eval-best (oracle)'] as const;

/**
 * Each seed's score under the three ways of picking its checkpoint (the last one, the lowest val
 * loss, the best eval score), one line per seed: how much the choice moves a seed, and how far
 * the oracle sits above the pre-registered rules.
 */
export const checkpointSelectionChart: ChartDefinition = {
  id: 'checkpoint-selection',
  title: 'Score by checkpoint choice',
  caption:
    'One line per seed: its score at the final checkpoint, at the checkpoint with the lowest val loss, and at its best checkpoint by eval score (the oracle, which flatters: it was picked on the same prompts).',
  build: (model) => {
    const rows = model.checkpointSelection.flatMap((a) =>
      a.seeds.flatMap((s) => [
        { arm: a.arm, seed: s.seed, rule: RULES[0], step: s.final.step, score: s.final.score },
        ...(s.bestVal
          ? [{ arm: a.arm, seed: s.seed, rule: RULES[1], step: s.bestVal.step, score: s.bestVal.score }]
          : []),
        { arm: a.arm, seed: s.seed, rule: RULES[2], step: s.oracle.step, score: s.oracle.score },
      ]),
    );
    if (rows.length === 0) return null;
    return topLevel(
      {
        title: {
          text: 'Score by checkpoint choice',
          subtitle: 'one line per seed · final vs lowest val loss vs best eval',
        },
        data: { values: rows },
        facet: { column: { field: 'arm', type: 'nominal', sort: armOrder(model), title: null } },
        spec: {
          width: Math.max(180, Math.min(300, 600 / Math.max(1, model.checkpointSelection.length))),
          height: HEIGHT,
          mark: { type: 'line', point: { size: 40, filled: true }, opacity: 0.75, strokeWidth: 1.5 },
          encoding: {
            x: { field: 'rule', type: 'ordinal', sort: [...RULES], title: null, axis: { labelAngle: 0 } },
            y: {
              field: 'score',
              type: 'quantitative',
              scale: { domain: [0, 1] },
              axis: { ...SCORE_AXIS, title: 'Score' },
            },
            color: { field: 'arm', type: 'nominal', scale: armColorScale(model), legend: null },
            detail: { field: 'seed', type: 'nominal' },
            tooltip: [
              { field: 'arm' },
              { field: 'seed' },
              { field: 'rule', title: 'checkpoint' },
              { field: 'step' },
              { field: 'score', format: SCORE_FORMAT },
            ],
          },
        },
      },
      'Slope chart of each seed’s score at the final, best-val and oracle checkpoints, one panel per arm.',
    );
  },
};
