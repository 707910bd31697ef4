import { CHARTS } from './charts/index.js';
import type { ReportModel } from './report-model.js';
import type { RenderedChart } from './rendered-chart.js';
import { renderSvg } from './render-svg.js';

/** Builds every chart spec the study has data for and renders each to SVG once (reused by HTML and files). */
export async function renderCharts(model: ReportModel): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const def of CHARTS) {
    const spec = def.build(model);
    if (!spec) continue;
    out.push({ id: def.id, title: def.title, caption: def.caption, spec, svg: await renderSvg(spec) });
  }
  return out;
}
