import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/study/load-study.js';
import { didYouMean, editDistance } from '../../src/study/did-you-mean.js';
import { mergeTrain } from '../../src/study/merge-train.js';
import { makeWorkspace, placeFixture } from './workspace.js';

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
});

async function study(name: string, body: string) {
  const file = join(ws, name);
  await writeFile(
    file,
    `name: s\nmodel: model\ndata: data\ntrain:\n  num_layers: 2\n  batch_size: 2\neval:\n  suite: suite.yaml\n${body}`,
  );
  return file;
}

describe('loadStudy', () => {
  it('resolves paths against the study file and fills defaults', async () => {
    const s = await loadStudy(await placeFixture(ws, 'valid/two-arms.yaml'), { cwd: '/elsewhere' });
    expect(s.model).toBe(join(ws, 'model'));
    expect(s.data).toBe(join(ws, 'data'));
    expect(s.suitePath).toBe(join(ws, 'suite.yaml'));
    expect(s.outputDir).toBe('/elsewhere/runs/demo');
    expect(s.arms.map((a) => a.name)).toEqual(['a', 'b']);
    expect(s.executor).toEqual({
      kind: 'local',
      concurrency: 1,
      eval_concurrency: 0,
      stall_timeout_s: 900,
      grace_s: 10,
    });
    expect(s.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a study without arms one implicit arm named base', async () => {
    const s = await loadStudy(await study('no-arms.yaml', 'seeds: [3, 1]\n'), { cwd: ws });
    expect(s.arms).toEqual([{ name: 'base' }]);
    expect(s.seeds).toEqual([3, 1]);
  });

  it('expands a seed range and a named seed set', async () => {
    expect((await loadStudy(await study('range.yaml', 'seeds: {count: 3, start: 10}\n'), { cwd: ws })).seeds).toEqual([
      10, 11, 12,
    ]);
    expect((await loadStudy(await study('set.yaml', 'seeds: standard-8\n'), { cwd: ws })).seeds).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    expect((await loadStudy(await study('set20.yaml', 'seeds: standard-20\n'), { cwd: ws })).seeds).toHaveLength(20);
  });

  it('takes --output over the study output over the default', async () => {
    const file = await study('out.yaml', 'seeds: [0]\noutput: results/here\n');
    expect((await loadStudy(file, { cwd: '/cwd' })).outputDir).toBe(join(ws, 'results/here'));
    expect((await loadStudy(file, { cwd: '/cwd', output: 'o' })).outputDir).toBe('/cwd/o');
    expect((await loadStudy(file, { cwd: '/cwd', output: '~/o' })).outputDir).toBe(join(homedir(), 'o'));
  });

  it("deep-merges an arm's partial lora_parameters over the study's", async () => {
    const file = join(ws, 'lora.yaml');
    await writeFile(
      file,
      'name: s\nmodel: model\ndata: data\ntrain:\n  num_layers: 2\n  batch_size: 2\n  lora_parameters: {rank: 8, scale: 20, dropout: 0}\narms:\n  - name: r4\n    train: {lora_parameters: {rank: 4}}\nseeds: [0]\neval:\n  suite: suite.yaml\n',
    );
    const s = await loadStudy(file, { cwd: ws });
    expect(mergeTrain(s.train, s.arms[0]!.train).lora_parameters).toEqual({ rank: 4, scale: 20, dropout: 0 });
  });

  it('reports a missing study file as a user error', async () => {
    await expect(loadStudy(join(ws, 'nope.yaml'))).rejects.toThrow('study file not found');
  });
});

describe('didYouMean', () => {
  it('counts a transposition as one edit and refuses ties and far guesses', () => {
    expect(editDistance('lenaring_rate', 'learning_rate')).toBe(2);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(didYouMean('learning_rat', ['learning_rate', 'iters'])).toBe('learning_rate');
    expect(didYouMean('standard-9', ['standard-5', 'standard-8'])).toBeUndefined();
    expect(didYouMean('zzzzzz', ['iters'])).toBeUndefined();
  });
});
