import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../report-model.js';

/**
 * One chart of the report: an id (file name under charts/), a title and caption for the
 * HTML/Markdown around it, and a pure builder returning a vega-lite spec with its data inlined
 * (so `charts/<id>.vl.json` can be restyled standalone), or null when the study has no data
 * for it (e.g. no val losses recorded).
 */
export interface ChartDefinition {
  id: string;
  title: string;
  /** How to read the chart, one or two sentences (a function when it names the report's band). */
  caption: string | ((model: ReportModel) => string);
  build: (model: ReportModel) => TopLevelSpec | null;
}

/** A chart's caption for this report. */
export function chartCaption(chart: ChartDefinition, model: ReportModel): string {
  return typeof chart.caption === 'string' ? chart.caption : chart.caption(model);
}
