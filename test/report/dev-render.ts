/** Dev helper: renders the small fixture into test-output/report/ for eyeballing. */
import { fileURLToPath } from 'node:url';
import { loadReportInput } from '../../src/pipeline/load-report-input.js';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { writeReport } from '../../src/report/write-report.js';
const dir = fileURLToPath(new URL('../fixtures/report/small-study/', import.meta.url));
const input = await loadReportInput({ outputDir: dir, study: { name: 'small-study', description: 'Fixture: 2 arms × 4 seeds × 3 checkpoints × 6 prompts.', arms: ['baseline', 'shuffled'], checkpointPolicy: 'final', passThreshold: 1 }, generatedAt: '2026-01-01T00:00:00.000Z', seedstudyVersion: '0.0.0-test' });
const w = await writeReport(buildReportModel(input), fileURLToPath(new URL('../../test-output/report/', import.meta.url)));
console.log(w);
