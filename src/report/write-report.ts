import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.js';
import { renderCharts } from './render-charts.js';
import { renderCsvFiles } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { svgToPng } from './render-svg.js';
import type { ReportModel } from './report-model.js';

/** What `writeReport` produced. */
export interface WrittenReport {
  reportDir: string;
  /** Paths relative to reportDir, sorted. */
  files: string[];
  /** Wall time per phase in milliseconds (charts, render, png: waiting for the rasteriser threads, write). */
  timings: Record<string, number>;
}

/** Options of `writeReport`. */
export interface WriteReportOptions {
  /** Rasterise charts to PNG for report.md (default true; the bench measures both). */
  png?: boolean;
}

/**
 * The one place that writes a report (architecture rule 8): renders the model into every file
 * and writes each atomically, so a reader never sees a half-written index.html. Chart files
 * from an earlier report that this one no longer has are removed.
 */
export async function writeReport(model: ReportModel, reportDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const pngs = new Map<string, Promise<Uint8Array>>();
  const charts = await renderCharts(model, (c) => {
    if (options.png !== false) pngs.set(c.id, svgToPng(c.svg));
  });
  lap('charts');
  const files = new Map<string, string | Uint8Array>();
  for (const c of charts) {
    files.set(`charts/${c.id}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    files.set(`charts/${c.id}.svg`, c.svg);
  }
  files.set('index.html', renderHtml(model, charts));
  files.set('report.md', renderMarkdown(model, charts));
  for (const [name, text] of Object.entries(renderCsvFiles(model))) files.set(name, text);
  files.set('summary.json', `${JSON.stringify(model.analysis ?? { status: 'insufficient', reason: 'no analysis was available when this report was written' }, null, 2)}\n`);
  lap('render');
  for (const [id, png] of pngs) files.set(`charts/${id}.png`, await png);
  lap('png');
  for (const [name, data] of files) await writeFileAtomic(join(reportDir, name), data);
  await removeStaleCharts(join(reportDir, 'charts'), new Set([...files.keys()].filter((f) => f.startsWith('charts/')).map((f) => f.slice(7))));
  lap('write');
  return { reportDir, files: [...files.keys()].sort(), timings };
}

async function removeStaleCharts(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!keep.has(name) && /\.(svg|png|vl\.json)$/.test(name)) await rm(join(dir, name), { force: true });
  }
}
