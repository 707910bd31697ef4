import type { ChartDefinition } from './chart.js';
import { armColorScale, topLevel, WIDTH } from './theme.js';

/** Seeds per arm needed to detect a difference, from the observed seed-to-seed spread. */
export const powerCurveChart: ChartDefinition = {
  id: 'power-curve',
  title: 'Seeds needed vs difference to detect',
  caption:
    "Seeds per arm for a two-sided test at α = 0.05 with 80% power to detect a true difference of the given size, using each arm's observed between-seed standard deviation. Dashed line: seeds you have now.",
  build: (model) => {
    if (model.power.length === 0) return null;
    const rows = model.power.flatMap((p) =>
      p.curve.map((c) => ({
        arm: p.arm,
        delta_points: c.delta * 100,
        seeds_per_arm: c.seedsPerArm,
        sd_points: p.sdBetweenSeeds * 100,
      })),
    );
    const counts = new Map<number, string[]>();
    for (const p of model.power) counts.set(p.nSeeds, [...(counts.get(p.nSeeds) ?? []), p.arm]);
    const have = model.power.map((p) => ({
      arm: p.arm,
      seeds: p.nSeeds,
      label: `${p.nSeeds} seeds now (${counts.get(p.nSeeds)!.join(', ')})`,
    }));
    const now = [...counts]
      .map(([n, arms]) => (counts.size === 1 ? `${n} per arm` : `${arms.join(', ')}: ${n}`))
      .join('; ');
    const color = { field: 'arm', type: 'nominal', scale: armColorScale(model), title: 'arm' };
    const y = { type: 'quantitative', scale: { type: 'log' }, title: 'Seeds per arm (log scale)' };
    return topLevel(
      {
        title: {
          text: 'Seeds needed vs difference to detect',
          subtitle: `two-sided α = 0.05, power 80% · dashed: seeds you have now (${now})`,
        },
        width: WIDTH,
        height: 260,
        layer: [
          {
            data: { values: rows },
            mark: { type: 'line', strokeWidth: 2.5, point: { size: 30, filled: true } },
            encoding: {
              x: {
                field: 'delta_points',
                type: 'quantitative',
                title: 'Difference to detect (percentage points)',
                axis: { tickCount: 10 },
              },
              y: { field: 'seeds_per_arm', ...y },
              color,
              tooltip: [
                { field: 'arm' },
                { field: 'delta_points', title: 'difference (points)', format: '.1f' },
                { field: 'seeds_per_arm', title: 'seeds per arm' },
                { field: 'sd_points', title: 'between-seed sd (points)', format: '.1f' },
              ],
            },
          },
          {
            data: { values: have },
            mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 1.5, color: '#666' },
            encoding: { y: { field: 'seeds', ...y }, tooltip: [{ field: 'label', title: 'now' }] },
          },
        ],
      },
      'Line chart of seeds per arm needed against the difference to detect, log scale.',
    );
  },
};
