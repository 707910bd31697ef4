/**
 * Test helper: the committed small-study fixture (2 arms × 4 seeds × 3 checkpoints × 6 prompts,
 * hostile outputs included) loaded into a ReportInput with a pinned clock and version, so every
 * rendered file is reproducible.
 */
import { fileURLToPath } from 'node:url';
import { loadReportInput } from '../../src/pipeline/load-report-input.js';
import type { ReportInput } from '../../src/report/report-input.js';

export const SMALL_STUDY_DIR = fileURLToPath(new URL('../fixtures/report/small-study/', import.meta.url));

/** The fixture as report input. */
export function loadSmallStudy(overrides: Partial<Pick<ReportInput, 'analysis'>> = {}): Promise<ReportInput> {
  return loadReportInput({
    outputDir: SMALL_STUDY_DIR,
    study: {
      name: 'small-study',
      description: 'Fixture: 2 arms × 4 seeds × 3 checkpoints × 6 prompts, with hostile model outputs.',
      arms: ['baseline', 'shuffled'],
      checkpointPolicy: 'final',
      passThreshold: 1,
      fileSha256: 'f'.repeat(64),
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
    },
    ...overrides,
    generatedAt: '2026-01-01T00:00:00.000Z',
    seedstudyVersion: '0.0.0-test',
  });
}
