import { CHARTS } from './charts/index.js';
import { chartCaption } from './charts/chart.js';
import type { ReportModel } from './report-model.js';
import type { RenderedChart } from './rendered-chart.js';
import { renderSvg } from './render-svg.js';

/**
 * Builds every chart spec the study has data for and renders each to SVG once (reused by HTML
 * and files); `onChart` lets the caller start work on a chart (PNG) while the next renders.
 */
export async function renderCharts(
  model: ReportModel,
  onChart?: (chart: RenderedChart) => void,
): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const def of CHARTS) {
    const spec = def.build(model);
    if (!spec) continue;
    const chart = { id: def.id, title: def.title, caption: chartCaption(def, model), spec, svg: await renderSvg(spec) };
    onChart?.(chart);
    out.push(chart);
  }
  return out;
}
