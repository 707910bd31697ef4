import type { TopLevelSpec } from 'vega-lite';

/** A chart after rendering: its spec (for charts/<id>.vl.json) and SVG (inline in HTML, charts/<id>.svg). */
export interface RenderedChart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  svg: string;
}
