import type { TopLevelSpec, Config } from 'vega-lite';
import type { ReportModel } from '../report-model.js';

/**
 * Shared look of every chart: one font stack that exists offline (Arial metrics; Liberation
 * Sans or DejaVu when rendering PNGs here), light grid, white background, arm colours
 * fixed by study order, and scores on percent axes.
 */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Default plot width in pixels. */
export const WIDTH = 640;
/** Default plot height in pixels. */
export const HEIGHT = 280;

/** Fonts the SVG names; resvg and browsers fall back along the list. */
export const FONT = 'Arial, Helvetica, Liberation Sans, DejaVu Sans, sans-serif';

/** The config block every spec carries. */
export function chartConfig(): Config {
  return {
    background: 'white',
    font: FONT,
    padding: 8,
    view: { stroke: null },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: '#333',
      labelColor: '#333',
      gridColor: '#e6e6e6',
      domainColor: '#888',
      tickColor: '#888',
    },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
    header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
    title: {
      fontSize: 15,
      fontWeight: 'bold',
      anchor: 'start',
      subtitleFontSize: 12,
      subtitleColor: '#555',
      offset: 12,
    },
  };
}

/** Colour scale mapping each arm to its report colour. */
export function armColorScale(model: ReportModel): { domain: string[]; range: string[] } {
  return { domain: model.arms.map((a) => a.name), range: model.arms.map((a) => a.color) };
}

/** Arm names in study order (for `sort`). */
export function armOrder(model: ReportModel): string[] {
  return model.arms.map((a) => a.name);
}

/** A quantitative percent axis for scores in [0, 1]. */
export const SCORE_AXIS = { format: '.0%', tickCount: 5 } as const;

/** Tooltip format for scores. */
export const SCORE_FORMAT = '.1%';

/** Colours of outcome/failure classes: passes green, partial credit olive, failures warm, others grey. */
export function failureClassColor(name: string, i: number): string {
  const fixed: Record<string, string> = {
    correct: '#54a24b',
    'wrapped-correct': '#54a24b',
    'direct-call': '#b5bd4c',
    'think-mode': '#e45756',
    timeout: '#b279a2',
    truncated: '#f58518',
    'wrong-tool': '#9d755d',
    prose: '#bab0ac',
    mismatch: '#e45756',
    'invalid-json': '#f58518',
  };
  const others = ['#4c78a8', '#72b7b2', '#eeca3b', '#ff9da6', '#79706e', '#d67195', '#439894', '#83bcb6'];
  return fixed[name] ?? others[i % others.length]!;
}

/**
 * Wraps a hand-built spec object with the schema URL, config and description. Specs are
 * checked against the vega-lite JSON Schema in tests (test/report/chart-schema.test.ts), which
 * is stricter than the TypeScript types for layered and faceted specs.
 */
export function topLevel(body: Record<string, unknown>, description: string): TopLevelSpec {
  const extra = (body.config ?? {}) as Record<string, unknown>;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    ...body,
    config: { ...chartConfig(), ...extra },
  } as unknown as TopLevelSpec;
}
