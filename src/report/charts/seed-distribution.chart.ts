import { pct } from '../../wording/numbers.js';
import type { ChartDefinition } from './chart.js';
import { armColorScale, armOrder, SCORE_AXIS, SCORE_FORMAT, topLevel, WIDTH } from './theme.js';

/**
 * The central picture: every seed's score per arm as a dot, with the mean (black tick), the 95%
 * CI of the mean (thick bar), the 95% prediction interval for one new run (thin wide bar) and
 * claimed baselines as dashed lines. It shows at a glance whether a claim sits inside the spread.
 */
export const seedDistributionChart: ChartDefinition = {
  id: 'seed-distribution',
  title: 'Seed-to-seed spread per arm',
  caption:
    'Each dot is one training seed scored at the policy checkpoint. Black tick: mean; dark bar: 95% confidence interval of the mean; pale wide bar: 95% prediction interval for one new run; dashed lines: claimed baselines.',
  build: (model) => {
    if (model.seedScores.length === 0) return null;
    const color = { field: 'arm', type: 'nominal', scale: armColorScale(model), legend: null };
    const y = {
      field: 'arm',
      type: 'nominal',
      sort: armOrder(model),
      title: null,
      axis: { labelFontSize: 12, labelFontWeight: 'bold' },
    };
    const seeds = jitter(model.seedScores.map((s) => ({ arm: s.arm, seed: s.seed, step: s.step, score: s.score })));
    const summary = model.armSummaries
      .filter((a) => a.mean !== null)
      .map((a) => ({
        arm: a.arm,
        mean: a.mean,
        ci_low: a.ci95?.low ?? null,
        ci_high: a.ci95?.high ?? null,
        pi_low: a.pi95?.low ?? null,
        pi_high: a.pi95?.high ?? null,
        n_seeds: a.nSeeds,
      }));
    const baselines = model.baselines.map((b) => ({
      name: b.name,
      claimed: b.claimed,
      label: `${b.name} ${pct(b.claimed)}`,
    }));
    const x = {
      type: 'quantitative',
      scale: { domain: [0, 1] },
      axis: { ...SCORE_AXIS, title: 'Score at the policy checkpoint' },
    };
    const layers: Record<string, unknown>[] = [
      {
        data: { values: summary.filter((s) => s.pi_low !== null) },
        mark: { type: 'rule', strokeWidth: 14, opacity: 0.18, strokeCap: 'round' },
        encoding: {
          y,
          x: { field: 'pi_low', ...x },
          x2: { field: 'pi_high' },
          color,
          tooltip: [
            { field: 'arm' },
            { field: 'pi_low', title: '95% PI low', format: SCORE_FORMAT },
            { field: 'pi_high', title: '95% PI high', format: SCORE_FORMAT },
          ],
        },
      },
      {
        data: { values: summary.filter((s) => s.ci_low !== null) },
        mark: { type: 'rule', strokeWidth: 5, opacity: 0.75, strokeCap: 'round' },
        encoding: {
          y,
          x: { field: 'ci_low', ...x },
          x2: { field: 'ci_high' },
          color,
          tooltip: [
            { field: 'arm' },
            { field: 'ci_low', title: '95% CI low', format: SCORE_FORMAT },
            { field: 'ci_high', title: '95% CI high', format: SCORE_FORMAT },
          ],
        },
      },
      {
        data: { values: seeds },
        mark: { type: 'circle', size: 70, opacity: 0.85, stroke: 'white', strokeWidth: 1 },
        encoding: {
          y,
          yOffset: { field: 'offset', type: 'quantitative', scale: { domain: [-6, 6] } },
          x: { field: 'score', ...x },
          color,
          tooltip: [
            { field: 'arm' },
            { field: 'seed' },
            { field: 'step', title: 'checkpoint step' },
            { field: 'score', format: SCORE_FORMAT },
          ],
        },
      },
      {
        data: { values: summary },
        mark: { type: 'tick', color: 'black', thickness: 2.5, size: 34 },
        encoding: {
          y,
          x: { field: 'mean', ...x },
          tooltip: [{ field: 'arm' }, { field: 'mean', format: SCORE_FORMAT }, { field: 'n_seeds', title: 'seeds' }],
        },
      },
    ];
    if (baselines.length) {
      layers.push(
        {
          data: { values: baselines },
          mark: { type: 'rule', color: '#b22222', strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: {
            x: { field: 'claimed', ...x },
            tooltip: [
              { field: 'name', title: 'baseline' },
              { field: 'claimed', format: SCORE_FORMAT },
            ],
          },
        },
        {
          data: { values: baselines },
          mark: { type: 'text', color: '#b22222', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 11 },
          encoding: { x: { field: 'claimed', ...x }, y: { value: 0 }, text: { field: 'label' } },
        },
      );
    }
    return topLevel(
      {
        title: {
          text: 'Seed-to-seed spread per arm',
          subtitle: 'dots: seeds · tick: mean · dark bar: 95% CI · pale bar: 95% prediction interval · dashed: claims',
        },
        width: WIDTH,
        height: { step: 64 },
        layer: layers,
      },
      'Per-arm strip plot of seed scores with mean, confidence interval, prediction interval and claimed baselines.',
    );
  },
};

/** Spreads dots with (nearly) equal scores vertically (0, +1, −1, +2, ...) so ties stay visible. */
function jitter<T extends { arm: string; score: number }>(rows: T[]): (T & { offset: number })[] {
  const out: (T & { offset: number })[] = [];
  const buckets = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => (a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : a.score - b.score))) {
    const key = `${r.arm}\u0000${Math.round(r.score * 200)}`;
    const k = buckets.get(key) ?? 0;
    buckets.set(key, k + 1);
    const offset = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2);
    out.push({ ...r, offset: Math.max(-6, Math.min(6, offset)) });
  }
  return out;
}
