import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { dataIdentity, modelFileHashes, modelIdentity } from '../../src/plan/content-identity.js';
import { expandPlan } from '../../src/plan/expand-plan.js';
import { formatPlan } from '../../src/plan/format-plan.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeHubRepo, type HubRepo } from '../helpers/hf-hub-cache.js';
import { makeWorkspace, placeFixture } from '../study/workspace.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const config = JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 4 });

let ws: string;
let hub: string;
let studyText: string;
let repoA: HubRepo;
beforeAll(async () => {
  ws = await makeWorkspace();
  hub = join(ws, 'hub');
  studyText = await readFile(await placeFixture(ws, 'valid/two-arms.yaml'), 'utf8');
  // two models that differ only in their weights, as two repos in one hub cache
  repoA = await writeHubRepo(hub, 'org/model-a', { 'config.json': config, 'model.safetensors': 'weights A' });
  await writeHubRepo(hub, 'org/model-b', { 'config.json': config, 'model.safetensors': 'weights B' });
});

/** Plans two-arms.yaml with `model:` replaced, resolving repo ids in the test's hub cache. */
async function planWithModel(model: string) {
  const file = join(ws, `study-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, studyText.replace(/^model: .*$/m, `model: ${model}`));
  const study = await loadStudy(file, { cwd: ws, env: { HF_HUB_CACHE: hub } });
  return expandPlan(study, '0.32.2', { hashCacheFile: join(ws, 'hash-cache.json') });
}

describe('model identity in a Hugging Face cache snapshot (every file a symlink into blobs/)', () => {
  it('hashes the symlinks’ targets: each file listed with the sha256 of its content', async () => {
    const plan = await planWithModel('org/model-a');
    expect(plan.model.files).toEqual([
      { name: 'config.json', sha256: sha256(config) },
      { name: 'model.safetensors', sha256: sha256('weights A') },
    ]);
    expect(plan.model.hf).toEqual({ repo: 'org/model-a', revision: 'main', commit: repoA.commit });
    expect(formatPlan(plan, ws).split('\n')[2]).toBe(
      `model org/model-a@main = commit ${repoA.commit} (${repoA.snapshot})`,
    );
  });

  it('gives two cached models with different weights different runIds', async () => {
    const a = await planWithModel('org/model-a');
    const b = await planWithModel('org/model-b');
    expect(a.model.sha256).not.toBe(b.model.sha256);
    for (const [i, run] of a.runs.entries()) expect(run.runId).not.toBe(b.runs[i]!.runId);
  });

  it('depends on content, not path: the same files as a plain directory elsewhere give the same runIds', async () => {
    const plain = join(ws, 'plain-copy-of-a');
    await mkdir(plain);
    await writeFile(join(plain, 'config.json'), config);
    await writeFile(join(plain, 'model.safetensors'), 'weights A');
    const viaCache = await planWithModel('org/model-a');
    const viaDir = await planWithModel('plain-copy-of-a');
    expect(viaDir.model.path).not.toBe(viaCache.model.path);
    expect(viaDir.model.sha256).toBe(viaCache.model.sha256);
    expect(viaDir.runs.map((r) => r.runId)).toEqual(viaCache.runs.map((r) => r.runId));
  });

  it('the identity is sha256 over "name\\0sha256\\n" per file in name order (docs/run-identity.md)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seedstudy-id-'));
    await writeFile(join(dir, 'b.json'), 'B');
    await writeFile(join(dir, 'a.json'), 'A');
    await writeFile(join(dir, '.hidden'), 'skipped');
    const expected = sha256(`a.json\0${sha256('A')}\nb.json\0${sha256('B')}\n`);
    expect(await modelIdentity(dir, join(dir, '.cache.json'))).toBe(expected);
  });

  it('reports a dangling symlink (a missing blob) as a UserError naming the link', async () => {
    const broken = await writeHubRepo(hub, 'org/broken', { 'config.json': config });
    await symlink(join('..', '..', 'blobs', 'missing-blob'), join(broken.snapshot, 'model.safetensors'));
    const error = await modelFileHashes(broken.snapshot).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      `the model file ${join(broken.snapshot, 'model.safetensors')} is a symlink to ../../blobs/missing-blob,` +
        ' which does not exist',
    );
    expect((error as UserError).fix).toContain('hf download');
  });

  it('still skips subdirectories reached through a symlink', async () => {
    const dir = join(ws, 'with-linked-dir');
    await cp(join(ws, 'model'), dir, { recursive: true });
    await symlink(join(ws, 'data'), join(dir, 'linked-dir'));
    expect((await modelFileHashes(dir)).map((f) => f.name)).toEqual(['config.json', 'model.safetensors']);
  });

  it('data: a dataset cache snapshot (splits symlinked into blobs/) validates and hashes its content', async () => {
    const line = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `q${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      });
    const split = Array.from({ length: 8 }, (_, i) => line(i)).join('\n') + '\n';
    const set = await writeHubRepo(
      hub,
      'org/set',
      { 'train.jsonl': split, 'valid.jsonl': split, 'test.jsonl': split },
      { type: 'dataset' },
    );
    expect(await dataIdentity(set.snapshot, join(ws, 'hash-cache.json'))).toEqual({
      train: sha256(split),
      valid: sha256(split),
      test: sha256(split),
    });
    const file = join(ws, 'dataset-study.yaml');
    await writeFile(file, studyText.replace(/^data: .*$/m, `data: ${set.snapshot}`));
    expect((await loadStudy(file, { cwd: ws, env: { HF_HUB_CACHE: hub } })).data).toBe(set.snapshot);
  });
});
