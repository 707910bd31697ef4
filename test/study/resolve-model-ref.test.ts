import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCachedSnapshot, hfHubCacheDir, repoFolderName } from '../../src/study/hf-cache.js';
import { loadStudy } from '../../src/study/load-study.js';
import { cacheRepoFolderHint, parseRepoId, resolveModelRef } from '../../src/study/resolve-model-ref.js';
import { writeHubRepo, type HubRepo } from '../helpers/hf-hub-cache.js';
import { makeWorkspace, placeFixture } from './workspace.js';

const config = JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 4 });
const commitMain = 'a'.repeat(40);
const commitV1 = 'b'.repeat(40);

let ws: string;
let hub: string;
let repo: HubRepo;
beforeAll(async () => {
  ws = await makeWorkspace();
  hub = join(ws, 'hub');
  repo = await writeHubRepo(
    hub,
    'mlx-community/Tiny-4bit',
    { 'config.json': config, 'model.safetensors': 'w' },
    { commit: commitMain },
  );
  // a tag pointing at an older commit, present as its own snapshot
  await writeHubRepo(
    hub,
    'mlx-community/Tiny-4bit',
    { 'config.json': config, 'model.safetensors': 'w1' },
    { commit: commitV1, refs: ['v1.0'] },
  );
});

describe('hfHubCacheDir: huggingface_hub 2.4 constants.py', () => {
  const home = homedir();
  it.each([
    [{}, join(home, '.cache/huggingface/hub')],
    [{ XDG_CACHE_HOME: '/x' }, '/x/huggingface/hub'],
    [{ XDG_CACHE_HOME: '/x', HF_HOME: '/h' }, '/h/hub'],
    [{ HF_HOME: '/h', HUGGINGFACE_HUB_CACHE: '/legacy' }, '/legacy'],
    [{ HF_HOME: '/h', HUGGINGFACE_HUB_CACHE: '/legacy', HF_HUB_CACHE: '/c' }, '/c'],
    [{ HF_HUB_CACHE: '~/hfc' }, join(home, 'hfc')],
    [{ HF_HUB_CACHE: '$BASE/hub', BASE: '/b' }, '/b/hub'],
    [{ HF_HUB_CACHE: '', HF_HOME: '/h' }, '/h/hub'],
  ] as const)('%j → %s', (env, expected) => {
    expect(hfHubCacheDir(env)).toBe(expected);
  });

  it('names repo folders as file_download.repo_folder_name does', () => {
    // huggingface_hub docs example: julien-c/EsperBERTo-small → models--julien-c--EsperBERTo-small
    expect(repoFolderName('julien-c/EsperBERTo-small')).toBe('models--julien-c--EsperBERTo-small');
    expect(repoFolderName('org/set', 'dataset')).toBe('datasets--org--set');
  });
});

describe('parseRepoId', () => {
  it.each([
    [
      'mlx-community/Qwen3-Coder-30B-A3B-Instruct-4bit',
      { repo: 'mlx-community/Qwen3-Coder-30B-A3B-Instruct-4bit', revision: 'main' },
    ],
    ['org/name@v1.0', { repo: 'org/name', revision: 'v1.0' }],
    ['org/name@refs/pr/1', { repo: 'org/name', revision: 'refs/pr/1' }],
    ['gpt2', undefined],
    ['a/b/c', undefined],
    ['org/na--me', undefined],
    ['org/name.', undefined],
    ['./org/name', undefined],
    ['/abs/name', undefined],
  ] as const)('%s', (value, expected) => {
    expect(parseRepoId(value)).toEqual(expected);
  });
});

describe('findCachedSnapshot / resolveModelRef on a synthetic hub cache', () => {
  const env = () => ({ HF_HUB_CACHE: hub });

  it('refs/main → snapshots/<commit>', async () => {
    expect(await resolveModelRef('mlx-community/Tiny-4bit', ws, env())).toEqual({
      path: repo.snapshot,
      hf: { repo: 'mlx-community/Tiny-4bit', revision: 'main', commit: commitMain },
    });
  });

  it('HF_HOME is honoured when HF_HUB_CACHE is unset', async () => {
    const home = await mkdtemp(join(tmpdir(), 'seedstudy-hfhome-'));
    const r = await writeHubRepo(join(home, 'hub'), 'org/m', { 'config.json': config });
    expect((await resolveModelRef('org/m', ws, { HF_HOME: home })).path).toBe(r.snapshot);
  });

  it('@tag reads refs/<tag>; @<40-hex commit> is used as snapshots/<commit> directly', async () => {
    expect((await resolveModelRef('mlx-community/Tiny-4bit@v1.0', ws, env())).hf).toEqual({
      repo: 'mlx-community/Tiny-4bit',
      revision: 'v1.0',
      commit: commitV1,
    });
    const byCommit = await resolveModelRef(`mlx-community/Tiny-4bit@${commitV1}`, ws, env());
    expect(byCommit.path).toBe(join(hub, 'models--mlx-community--Tiny-4bit', 'snapshots', commitV1));
  });

  it('a missing revision, commit or repo says what is missing and gives the hf download command', async () => {
    const dir = join(hub, 'models--mlx-community--Tiny-4bit');
    expect(await findCachedSnapshot('mlx-community/Tiny-4bit', 'v2', hub)).toEqual({
      missing: 'revision',
      message: `revision "v2" of mlx-community/Tiny-4bit is not in the local cache (no ${join(dir, 'refs', 'v2')})`,
      fix:
        'seedstudy never downloads: run `hf download mlx-community/Tiny-4bit --revision v2`' +
        " (huggingface_hub's CLI, in the venv), then try again",
    });
    const c = 'c'.repeat(40);
    expect(await findCachedSnapshot('mlx-community/Tiny-4bit', c, hub)).toMatchObject({
      missing: 'snapshot',
      message: `commit ${c} of mlx-community/Tiny-4bit is not in the local cache (no ${join(dir, 'snapshots', c)})`,
    });
    expect(await findCachedSnapshot('org/absent', 'main', hub)).toMatchObject({
      missing: 'repo',
      fix: expect.stringContaining('`hf download org/absent`') as unknown,
    });
  });

  it('a relative path that exists wins over a repo id of the same shape; ./ always means a path', async () => {
    const local = await mkdtemp(join(tmpdir(), 'seedstudy-local-'));
    await mkdir(join(local, 'mlx-community', 'Tiny-4bit'), { recursive: true });
    expect(await resolveModelRef('mlx-community/Tiny-4bit', local, env())).toEqual({
      path: join(local, 'mlx-community/Tiny-4bit'),
    });
    expect(await resolveModelRef('./org/absent', local, env())).toEqual({ path: join(local, 'org/absent') });
  });
});

describe('model: in a study', () => {
  async function problemsOf(model: string, env: NodeJS.ProcessEnv = { HF_HUB_CACHE: hub }): Promise<string> {
    const file = await placeFixture(ws, 'valid/two-arms.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^model: .*$/m, `model: ${model}`));
    return loadStudy(file, { cwd: ws, env }).then(
      () => 'valid',
      (e: { format(): string }) => e.format(),
    );
  }

  it('a cached repo id loads, with the snapshot as the model directory', async () => {
    expect(await problemsOf('mlx-community/Tiny-4bit')).toBe('valid');
  });

  it('an uncached org/name says it is neither a directory nor a cached repo, with the download command', async () => {
    expect(await problemsOf('org/absent')).toBe(
      `${join(ws, 'two-arms.yaml')}:2: model: model directory not found: ${join(ws, 'org/absent')},` +
        ' and org/absent is not a Hugging Face repo in the local hub cache either\n' +
        '  fix: for a local directory, correct the path (relative to the study file;' +
        ' `./org/absent` always means a path); for a Hugging Face repo, fetch it with' +
        ' `hf download org/absent` (seedstudy never downloads models; the hub cache is $HF_HUB_CACHE,' +
        ' else $HF_HOME/hub, else ~/.cache/huggingface/hub)',
    );
  });

  it('a cached repo whose revision is not cached names the missing ref', async () => {
    expect(await problemsOf('mlx-community/Tiny-4bit@v9')).toContain(
      'revision "v9" of mlx-community/Tiny-4bit is not in the local cache',
    );
  });

  it('a path to the models--org--name folder gets a hint naming the snapshot and the repo id', async () => {
    const folder = join(hub, 'models--mlx-community--Tiny-4bit');
    expect(await cacheRepoFolderHint(folder)).toEqual({
      message: `${folder} is a Hugging Face cache repo folder, not a model directory`,
      fix:
        'write `model: mlx-community/Tiny-4bit` (resolved from the cache) or point `model:` at the snapshot ' +
        repo.snapshot,
    });
    expect(await problemsOf(folder)).toContain(`point \`model:\` at the snapshot ${repo.snapshot}`);
    expect(await cacheRepoFolderHint(join(ws, 'model'))).toBeUndefined();
  });
});
