import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEvalManifest } from '../../src/evaluation/eval-manifest.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { fakeStudy } from './helpers/eval-fixture.js';

// The fake worker (test/fixtures/eval/fake-worker.mjs) honours `skip` and `skip_loss` like eval_worker.py,
// logs every start in FAKE_WORKER_STARTS, and with FAKE_VAL_LOSS=by-step reports val loss 1 + |step - 4|.
const fake = fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url));
const env = { ...process.env };
beforeEach(() => {
  process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify([process.execPath, fake]);
});
afterEach(() => {
  process.env = { ...env };
});

const starts = async (file: string) => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

describe('the decision checkpoint first', () => {
  it('best-val: a loss-only pass finds the decision checkpoint, which is evaluated first; its losses are reused', async () => {
    const { root, study, spec } = await fakeStudy({ steps: [2, 4, 6] });
    const bestVal = { ...study, analysis: { ...study.analysis, checkpoint: 'best-val' } };
    process.env.FAKE_WORKER_STARTS = join(root, 'starts.log');
    process.env.FAKE_VAL_LOSS = 'by-step'; // losses 3, 1, 3 at steps 2, 4, 6: step 4 decides

    const decision = await evaluateRun(bestVal, spec, { python: 'unused', phase: 'decision' });
    expect(decision.evaluated).toEqual([4]);
    expect(await starts(process.env.FAKE_WORKER_STARTS)).toHaveLength(2); // the loss pass, then step 4
    const ahead = JSON.parse(await readFile(runLayout.lossAhead(spec.runDir), 'utf8')) as {
      steps: Record<string, { val_loss: number }>;
    };
    expect(Object.entries(ahead.steps).map(([s, e]) => [s, e.val_loss])).toEqual([
      ['2', 3],
      ['4', 1],
      ['6', 3],
    ]);

    // The rest reuses the stored losses: had the worker computed them again they would be 1.5 now.
    process.env.FAKE_VAL_LOSS = 'constant';
    const rest = await evaluateRun(bestVal, spec, { python: 'unused', phase: 'rest' });
    expect(rest.evaluated).toEqual([0, 2, 6]);
    const loss = async (step: number) =>
      (await readEvalManifest(runLayout.checkpointEvalDir(spec.runDir, step)))!.val_loss;
    expect([await loss(2), await loss(4), await loss(6)]).toEqual([3, 1, 3]);
    const [base] = await runEvaluations(spec.runDir, spec.runId);
    expect([base!.shared, base!.manifest.val_loss]).toEqual([true, 1.5]); // the base has no stored loss
    expect(await starts(process.env.FAKE_WORKER_STARTS)).toHaveLength(3);
  });
});
