import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { formatPlan } from '../../src/plan/format-plan.js';
import { loadStudy } from '../../src/study/load-study.js';
import { makeWorkspace } from '../study/workspace.js';

describe('the plan with executor.trainer: prefix-cache', () => {
  it('prints the estimated saving from the layer counts and the cache size bound, one cache for both arms', async () => {
    const ws = await makeWorkspace();
    await mkdir(join(ws, 'deep'));
    // 16 layers, LoRA on 4: 3·4/(16+8) = 0.5 per training step, 4/16 = 0.25 per validation.
    await writeFile(
      join(ws, 'deep', 'config.json'),
      JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 16, hidden_size: 128, torch_dtype: 'float32' }),
    );
    await writeFile(join(ws, 'deep', 'model.safetensors'), 'fake weights');
    const file = join(ws, 'pc.yaml');
    await writeFile(
      file,
      'name: pc\nmodel: deep\ndata: data\ntrain:\n  num_layers: 4\n  batch_size: 2\n  max_seq_length: 65\n' +
        'arms:\n  - name: a\n  - name: b\n    train: {learning_rate: 0.001}\nseeds: [0, 1]\neval:\n  suite: suite.yaml\n' +
        'executor:\n  kind: local\n  trainer: prefix-cache\n',
    );
    const study = await loadStudy(file, { cwd: ws });
    const plan = await planStudy(study, { hashCacheFile: join(ws, 'hash-cache.json') });
    expect(plan.prefixCaches).toHaveLength(1); // the arms differ only in learning rate
    const e = plan.prefixCaches![0]!.estimate;
    // The workspace data has 8 train and 8 valid lines: 4 + 4 batches of 2; each at most 2 × 64 × 128 × 4 bytes.
    expect(e).toEqual({
      layers: 16,
      adaptedLayers: 4,
      trainStepRatio: 0.5,
      validationRatio: 0.25,
      batches: 8,
      maxBytes: 8 * 2 * 64 * 128 * 4,
    });
    const line = formatPlan(plan, ws)
      .split('\n')
      .find((l) => l.startsWith('trainer prefix-cache'));
    expect(line).toMatch(
      /^trainer prefix-cache: LoRA on 4 of 16 layers; estimated compute per seed 0\.50× of mlx_lm lora per training step, 0\.25× per validation; cache runs\/pc\/prefix-cache\/[0-9a-f]{16}: 8 batches, at most 524 kB \(not built yet\)$/,
    );
  });
});
