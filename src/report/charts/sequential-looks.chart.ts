import type { ChartDefinition } from './chart.js';
import { topLevel, WIDTH } from './theme.js';

/** Colours of the sequential chart's series: the statistic dark, stopping lines by what they stop for. */
const SERIES = {
  compare: { statistic: 'z statistic', upper: 'efficacy boundary', futility: 'futility bound' },
  reproduce: { statistic: 'runs reaching the claim', upper: 'reproducible if ≥', lower: 'not reproducible if ≤' },
} as const;
const COLORS = ['#222222', '#54a24b', '#e45756'];

/**
 * The look statistic against the boundaries, look by look (sequential studies only). Compare: the
 * Welch z of each look, the efficacy boundaries ±c with the band between them where the study goes
 * on, and the futility bound. Reproduce: the runs reaching the claim against the two count bounds.
 */
export const sequentialLooksChart: ChartDefinition = {
  id: 'sequential-looks',
  title: 'Sequential design: the statistic at each look against its boundaries',
  caption: (model) =>
    model.sequential?.question === 'reproduce'
      ? 'Runs reaching the claim at each look (black) against the exact bounds: at or above the green line the study stops as reproducible, at or below the red one as not reproducible; in between it goes on.'
      : "The Welch statistic of each look on the z scale (black) against the efficacy boundaries (green, ±): outside the grey band the study stops with a difference shown; below the red futility bound it stops because the first arm is not ahead enough. Boundaries are the look's own, recomputed when seeds failed.",
  build: (model) => {
    const section = model.sequential;
    if (!section || section.looks.length === 0) return null;
    const names = section.question === 'reproduce' ? SERIES.reproduce : SERIES.compare;
    const labels = section.looks.map((l) => l.label);
    const lines: { label: string; look: number; series: string; part: string; value: number }[] = [];
    const band: { label: string; low: number; high: number }[] = [];
    for (const l of section.looks) {
      const push = (series: string, part: string, value: number | null) => {
        if (value !== null) lines.push({ label: l.label, look: l.look, series, part, value });
      };
      push(names.statistic, 'statistic', l.statistic);
      push(names.upper, 'upper', l.upper);
      if (section.question === 'reproduce') push(SERIES.reproduce.lower, 'lower', l.lower);
      else {
        push(SERIES.compare.upper, 'lower', l.lower);
        push(SERIES.compare.futility, 'futility', l.futility);
        push(SERIES.compare.futility, 'futility-mirror', l.futilityLower);
      }
      if (section.question === 'compare' && l.upper !== null && l.lower !== null)
        band.push({ label: l.label, low: l.lower, high: l.upper });
    }
    const domain =
      section.question === 'reproduce'
        ? [names.statistic, names.upper, SERIES.reproduce.lower]
        : [names.statistic, names.upper, SERIES.compare.futility];
    const x = {
      field: 'label',
      type: 'ordinal',
      sort: labels,
      title: section.question === 'reproduce' ? 'Look (runs so far)' : 'Look (seeds per arm so far)',
      axis: { labelAngle: 0 },
    };
    // Short: vega estimates text widths generously, and a long rotated title pushes the plot down.
    const yTitle = section.question === 'reproduce' ? 'Runs reaching the claim' : 'z statistic';
    const yAxis = section.question === 'reproduce' ? { axis: { tickMinStep: 1, format: 'd' } } : {};
    return topLevel(
      {
        title: {
          text: 'The statistic at each look against its boundaries',
          subtitle:
            section.question === 'reproduce'
              ? 'stop when the count reaches a bound'
              : 'stop for efficacy outside the grey band; stop for futility below the red bound',
        },
        width: Math.min(WIDTH, Math.max(440, 140 * labels.length)),
        height: 260,
        layer: [
          ...(band.length
            ? [
                {
                  data: { values: band },
                  mark: { type: 'area', color: '#d9d9d9', opacity: 0.5 },
                  encoding: {
                    x,
                    y: { field: 'low', type: 'quantitative', title: yTitle },
                    y2: { field: 'high' },
                  },
                },
              ]
            : []),
          {
            data: { values: lines },
            mark: { type: 'line', point: { size: 55, filled: true }, strokeWidth: 2 },
            encoding: {
              x,
              y: { field: 'value', type: 'quantitative', title: yTitle, ...yAxis },
              color: {
                field: 'series',
                type: 'nominal',
                scale: { domain, range: COLORS },
                title: null,
                legend: { labelLimit: 260 },
              },
              strokeDash: {
                field: 'part',
                type: 'nominal',
                scale: {
                  domain: ['statistic', 'upper', 'lower', 'futility', 'futility-mirror'],
                  range: [
                    [1, 0],
                    [6, 3],
                    [6, 3],
                    [2, 2],
                    [2, 2],
                  ],
                },
                legend: null,
              },
              detail: { field: 'part' },
              tooltip: [
                { field: 'label', title: 'look' },
                { field: 'series', title: 'what' },
                { field: 'value', title: 'value', format: section.question === 'reproduce' ? 'd' : '.3f' },
              ],
            },
          },
        ],
      },
      section.question === 'reproduce'
        ? 'Line chart of the runs reaching the claim at each look against the reproducible and not-reproducible bounds.'
        : 'Line chart of the z statistic at each look against the efficacy boundaries and the futility bound.',
    );
  },
};
