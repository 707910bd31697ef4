import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { evalStudy } from '../../src/pipeline/eval-study.js';
import { trainStudy } from '../../src/pipeline/train-study.js';
import { runLayout } from '../../src/plan/run-layout.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { tempDir } from '../evaluation/helpers/temp-dir.js';
import { tinyDir, tinyLora, venvPython } from '../evaluation/helpers/tiny-run.js';
import { readModelFiles, writeHubRepo } from '../helpers/hf-hub-cache.js';

if (!existsSync(venvPython)) {
  // no silent skip: every real test needs the venv (scripts/setup-venv.sh)
  throw new Error(`no Python venv at ${venvPython}; create it with: bash scripts/setup-venv.sh`);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('model: org/name from a Hugging Face hub cache (real tiny model, HF_HUB_OFFLINE=1)', () => {
  it('plans, trains and evaluates the snapshot; the plan and run.json record repo, revision, commit and hashes', async () => {
    const tiny = await tinyDir();
    const root = await tempDir('ss-hf-repo-');
    const hub = join(root, 'hub');
    const names = (await readdir(join(tiny, 'model'), { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    const files = await readModelFiles(join(tiny, 'model'), names);
    const repo = await writeHubRepo(hub, 'tiny-org/tiny-qwen', files);
    // Children (mlx_lm lora, the eval worker) inherit these: offline, and a cache that only holds our repo.
    vi.stubEnv('HF_HUB_OFFLINE', '1');
    vi.stubEnv('HF_HUB_CACHE', hub);
    vi.stubEnv('HF_HOME', join(root, 'hf-home'));

    const prompts = (parse(await readFile(join(tiny, 'suite.yaml'), 'utf8')) as { prompts: unknown[] }).prompts.slice(
      0,
      3,
    );
    await writeFile(join(root, 'suite.jsonl'), prompts.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const { steps_per_report: _r, ...train } = tinyLora;
    const studyLines = (model: string, output: string) =>
      [
        'name: hf-repo',
        `model: ${model}`,
        `data: ${JSON.stringify(join(tiny, 'data'))}`,
        `output: ${output}`,
        `train: ${JSON.stringify(train)}`,
        'seeds: [0]',
        `engine: {python: ${JSON.stringify(venvPython)}}`,
        'eval: {suite: suite.jsonl, chat_template_args: {enable_thinking: false}, prompt_timeout_s: 60}',
      ].join('\n') + '\n';
    await writeFile(join(root, 'study.yaml'), studyLines('tiny-org/tiny-qwen', 'out'));
    await writeFile(join(root, 'local.yaml'), studyLines(JSON.stringify(join(tiny, 'model')), 'out-local'));

    const study = await loadStudy(join(root, 'study.yaml'), { cwd: root });
    expect(study.model).toBe(repo.snapshot);
    const plan = await planStudy(study);
    expect(plan.model.hf).toEqual({ repo: 'tiny-org/tiny-qwen', revision: 'main', commit: repo.commit });
    expect(plan.model.files).toEqual(
      names.map((name) => ({ name, sha256: createHash('sha256').update(files[name]!).digest('hex') })),
    );
    // identity is content, not path: the same model as a plain directory plans the same runIds
    const local = await planStudy(await loadStudy(join(root, 'local.yaml'), { cwd: root }));
    expect(local.model.hf).toBeNull();
    expect(local.runs.map((r) => r.runId)).toEqual(plan.runs.map((r) => r.runId));

    const trained = await trainStudy(study);
    expect(trained.succeeded).toBe(1);
    const runDir = plan.runs[0]!.runDir;
    // mlx_lm lora gets the snapshot directory, never the repo id (which it would try to download)
    expect((parse(await readFile(runLayout.loraConfig(runDir), 'utf8')) as { model: string }).model).toBe(
      repo.snapshot,
    );
    const record = await readRunRecord(runDir);
    expect(record!.hfModel).toEqual({ repo: 'tiny-org/tiny-qwen', revision: 'main', commit: repo.commit });

    const evaluated = await evalStudy(study);
    // The decision checkpoint (final: 4) in the first worker session, then the base and step 2 in a second.
    expect(evaluated.runs.map((r) => [r.seed, r.evaluated, r.modelLoads])).toEqual([[0, [4, 0, 2], 2]]);
    expect(evaluated.observations).toBe(3 * 3);
  }, 300_000);
});
