import type { ReportModel, TrajectoryRow } from '../report-model.js';
import { bandLabel } from '../../wording/band.js';
import { armColorScale } from './theme.js';

/**
 * The W&B-style curve every "value over training steps" chart draws: a thin line per seed, the
 * mean over seeds as a thick line and the band the reader chose (min–max, ± sd, ± se) shaded
 * behind, one colour per arm.
 */
export function curveLayers(
  model: ReportModel,
  seeds: readonly { arm: string; seed: number; step: number; value: number }[],
  band: readonly TrajectoryRow[],
  axis: { title: string; format: string; scale: Record<string, unknown>; axis?: Record<string, unknown> },
): Record<string, unknown>[] {
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
  const y = { type: 'quantitative', title: axis.title, scale: axis.scale, ...(axis.axis ? { axis: axis.axis } : {}) };
  const manySeeds = model.seeds.length > 20;
  const stepsPerSeed = seeds.length / Math.max(1, new Set(seeds.map((s) => `${s.arm}\u0000${s.seed}`)).size);
  const bandValues = band.map((t) => ({
    arm: t.arm,
    step: t.step,
    mean: t.mean,
    low: t.low,
    high: t.high,
    n_seeds: t.nSeeds,
  }));
  const label = bandLabel(model.band);
  return [
    {
      data: { values: bandValues },
      mark: { type: 'area', opacity: 0.16 },
      encoding: { x, y: { field: 'low', ...y }, y2: { field: 'high' }, color },
    },
    {
      data: { values: seeds.map((s) => ({ arm: s.arm, seed: s.seed, step: s.step, value: s.value })) },
      mark: {
        type: 'line',
        strokeWidth: 1,
        opacity: manySeeds ? 0.18 : 0.45,
        point: manySeeds || stepsPerSeed > 30 ? false : { size: 18, opacity: 0.6 },
      },
      encoding: {
        x,
        y: { field: 'value', ...y },
        color,
        detail: { field: 'seed', type: 'nominal' },
        tooltip: [
          { field: 'arm' },
          { field: 'seed' },
          { field: 'step' },
          { field: 'value', title: axis.title, format: axis.format },
        ],
      },
    },
    {
      data: { values: bandValues },
      mark: { type: 'line', strokeWidth: 3.5, point: stepsPerSeed > 30 ? false : { size: 40, filled: true } },
      encoding: {
        x,
        y: { field: 'mean', ...y },
        color,
        tooltip: [
          { field: 'arm' },
          { field: 'step' },
          { field: 'mean', title: 'mean over seeds', format: axis.format },
          { field: 'low', title: `band low (${label})`, format: axis.format },
          { field: 'high', title: `band high (${label})`, format: axis.format },
          { field: 'n_seeds', title: 'seeds' },
        ],
      },
    },
  ];
}
