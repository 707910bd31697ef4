import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsWriteError, isEnvironmentFsError } from '../errors/fs-write-error.js';
import { UserError } from '../errors/user-error.js';
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
 * The one place that writes a report (architecture rule 8): renders the model into every file,
 * writes them into a temp directory beside `reportDir` and renames it into place, so a failure
 * (disk full, read-only) leaves the previous report whole and no half-written one. Files of the
 * earlier report that this one does not write are carried over, except its chart files.
 */
export async function writeReport(
  model: ReportModel,
  reportDir: string,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
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
  files.set(
    'summary.json',
    `${JSON.stringify(model.analysis ?? { status: 'insufficient', reason: 'no analysis was available when this report was written' }, null, 2)}\n`,
  );
  lap('render');
  for (const [id, png] of pngs) files.set(`charts/${id}.png`, await png);
  lap('png');
  await writeDirAtomic(reportDir, files);
  lap('write');
  return { reportDir, files: [...files.keys()].sort(), timings };
}

/** Writes `files` into `<parent>/.<name>.<pid>.<rand>.tmp`, then swaps it in for `dir`; no temp dir outlives it. */
async function writeDirAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const stem = `.${basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const aside = (what: string) => join(dirname(dir), `${stem}.${what}`);
  const tmp = aside('tmp');
  const old = aside('old');
  let oldDone = true;
  try {
    await mkdir(tmp, { recursive: true });
    for (const [name, data] of files) await writeFileAtomic(join(tmp, name), data);
    const previous = await readdir(dir).catch(() => undefined);
    if (previous) {
      await rename(dir, old);
      oldDone = false;
    }
    await rename(tmp, dir).catch(async (error: unknown) => {
      if (previous) await rename(old, dir);
      oldDone = true;
      throw error;
    });
    // The user's own files in the report directory stay; the earlier report's charts are replaced whole.
    for (const name of previous ?? []) {
      if (name !== 'charts' && !files.has(name)) await rename(join(old, name), join(dir, name));
    }
    oldDone = true;
  } catch (error) {
    // Name the report directory, not the temp directory a write inside it failed in.
    throw fsWriteError(error instanceof UserError && isEnvironmentFsError(error.cause) ? error.cause : error, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    // Left in place only if carrying a user's file over failed, so nothing of theirs is lost.
    if (oldDone) await rm(old, { recursive: true, force: true }).catch(() => undefined);
  }
}
