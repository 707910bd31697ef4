import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { evalFiles, readEvalManifest } from '../../src/evaluation/eval-manifest.js';
import { evaluateRun } from '../../src/pipeline/evaluate-run.js';
import { runLayout } from '../../src/plan/run-layout.js';
import type { GenerationRecord } from '../../src/results/generation-record.js';
import { readJsonl } from '../../src/results/jsonl.js';
import { makeSpec, makeStudy, recordTrainedRun } from './helpers/eval-fixture.js';
import { tinyDir, tinyLora, trainTinyRun, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';

const fuseDirs = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('seedstudy-fuse-'));

describeWithTool(projectVenv, 'fused evaluation on the real tiny model', () => {
  it('fuses + quantizes (4 bits, group 32) the checkpoint into a temp dir, evaluates it, deletes it', async () => {
    const tiny = await tinyDir();
    const root = await tempDir('ss-eval-fused-');
    const study = makeStudy(root, {
      model: join(tiny, 'model'),
      data: join(tiny, 'data'),
      suite: join(tiny, 'suite.yaml'),
      eval: {
        mode: 'fused',
        fuse: { quantize_bits: 4, group_size: 32 },
        include_base: false,
        checkpoints: [4],
        chat_template_args: { enable_thinking: false },
      },
    });
    const spec = makeSpec(study, 0, tinyLora);
    await trainTinyRun(spec);
    const record = await recordTrainedRun(spec);
    const before = await fuseDirs();
    const result = await evaluateRun(study, spec, { python: venvPython });
    expect(result.evaluated).toEqual([4]);
    expect(result.modelLoads).toBe(1);
    const dir = runLayout.checkpointEvalDir(spec.runDir, 4);
    const manifest = await readEvalManifest(dir);
    expect(manifest).toMatchObject({
      mode: 'fused',
      step: 4,
      checkpoint_sha256: record.checkpoints[1]!.sha256,
      generations: 27,
    });
    expect(manifest!.val_loss).toBeGreaterThan(0);
    const gens = (await readJsonl(evalFiles.generations(dir))) as GenerationRecord[];
    expect(gens.every((g) => g.checkpoint_file === record.checkpoints[1]!.file)).toBe(true);
    expect(await fuseDirs()).toEqual(before);
  }, 600_000);
});
