import { describe, expect, it } from 'vitest';
import type { ProvenanceRun, ReportModel } from '../../src/report/report-model.js';
import { provenanceTable } from '../../src/report/tables.js';

const run = (extra: Partial<ProvenanceRun>): ProvenanceRun => ({
  runId: 'r',
  arm: 'base',
  seed: 1,
  status: 'succeeded',
  mlxLmVersion: '0.32.2',
  gitCommit: null,
  host: 'h',
  startedAt: null,
  finishedAt: null,
  checkpoints: [],
  ...extra,
});

describe('provenance says which trainer ran', () => {
  it('shows the mlx-lm version alone for mlx_lm lora, and names the prefix-cache trainer and an exact resume', () => {
    const model = {
      provenance: {
        generatedAt: 't',
        seedstudyVersion: 'v',
        studyFileSha256: null,
        gitCommit: null,
        runs: [run({}), run({ trainer: 'prefix-cache' }), run({ trainer: 'prefix-cache', resumedFromIteration: 200 })],
      },
    } as unknown as ReportModel;
    const table = provenanceTable(model);
    const column = table.headers.indexOf('mlx-lm');
    expect(table.rows.map((r) => r[column])).toEqual([
      '0.32.2',
      '0.32.2 (prefix-cache trainer)',
      '0.32.2 (prefix-cache trainer, resumed exactly after iteration 200)',
    ]);
  });
});
