/**
 * Dev helper: `npx vite-node test/report/dev-render.ts` renders the small fixture into test-output/report/ to look
 * at.
 */
import { fileURLToPath } from 'node:url';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { writeReport } from '../../src/report/write-report.js';
import { loadSmallStudy } from './small-study.js';

const written = await writeReport(
  buildReportModel(await loadSmallStudy()),
  fileURLToPath(new URL('../../test-output/report/', import.meta.url)),
);
process.stdout.write(`${JSON.stringify(written.timings)}\n`);
