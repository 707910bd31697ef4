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
  /** How to read the chart, one or two sentences. */
  caption: string;
  build: (model: ReportModel) => TopLevelSpec | null;
}
