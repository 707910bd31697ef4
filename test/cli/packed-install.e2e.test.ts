import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshDist } from '../helpers/fresh-dist.js';

/**
 * The documented install path without a registry publish (docs/install.md): `npm pack`, then
 * `npm install -g --prefix <dir> <tarball>`, then `seedstudy` from an unrelated directory. npm
 * needs the dependencies' registry metadata: `--prefer-offline` takes it from the npm cache when
 * there, else from the registry (CI ran `npm install` in the repository, so the tarballs are cached).
 */
const repo = resolve('.');
const example = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `q${i}` },
      { role: 'assistant', content: `a${i}` },
    ],
  });
const probe =
  '{"python": "3.11.7", "mlx": "0.32.4", "mlxLm": "0.32.2", "defaultDevice": "cpu", "metal": false, "cuda": false, "mlxError": null}';

let prefix: string;
let tmp: string;
beforeAll(async () => {
  // What `npm pack`'s prepare script would build; built here only when src/ is newer, then packed without scripts.
  await ensureFreshDist('cli/main.js');
  tmp = await mkdtemp(join(tmpdir(), 'seedstudy-packed-'));
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp, '--silent'], { cwd: repo });
  const tarball = join(tmp, packed.stdout.trim().split('\n').at(-1)!);
  prefix = join(tmp, 'prefix');
  await execa('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: tmp,
  });
}, 240_000);
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('seedstudy installed from its packed tarball', () => {
  it('ships the compiled CLI, the scripts and seed sets, without sources or typescript', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'seedstudy');
    for (const file of [
      'dist/cli/main.js',
      'scripts/eval_worker.py',
      'scripts/prefix_cache_trainer.py',
      'scripts/setup-venv.sh',
      'seeds/standard-8.yaml',
    ]) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    for (const absent of ['src', 'test', '.venv', 'node_modules/typescript'])
      expect(existsSync(join(installed, absent)), absent).toBe(false);
  });

  it('validates and plans a study from another directory, paths relative to the study, the per-user venv as engine', async () => {
    const project = join(tmp, 'project');
    await mkdir(join(project, 'model'), { recursive: true });
    await writeFile(
      join(project, 'model', 'config.json'),
      JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 4 }),
    );
    await writeFile(join(project, 'model', 'model.safetensors'), 'fake weights');
    await mkdir(join(project, 'data'));
    for (const split of ['train', 'valid', 'test']) {
      await writeFile(
        join(project, 'data', `${split}.jsonl`),
        Array.from({ length: 8 }, (_, i) => example(i)).join('\n') + '\n',
      );
    }
    await writeFile(
      join(project, 'suite.yaml'),
      'name: s\nprompts:\n  - {id: p1, category: c, prompt: "Show config.py", expected_tool: read_file}\n',
    );
    const study = [
      'name: packed',
      'model: model',
      'data: data',
      'seeds: standard-5',
      'eval: {suite: suite.yaml}',
      'train: {iters: 4, save_every: 2, batch_size: 4, num_layers: 4, lora_parameters: {rank: 4, scale: 20.0, dropout: 0.0}}',
    ];
    await writeFile(join(project, 'study.yaml'), study.join('\n') + '\n');
    // A per-user venv whose python prints what the probe would (no mlx needed): the engine an installed
    // seedstudy finds.
    const data = join(tmp, 'xdg-data');
    const venv = join(data, 'seedstudy', 'venv');
    await mkdir(join(venv, 'bin'), { recursive: true });
    await mkdir(join(venv, 'lib', 'python3.11', 'site-packages', 'mlx_lm-0.32.2.dist-info'), { recursive: true });
    await writeFile(join(venv, 'bin', 'python'), `#!/bin/sh\necho '${probe}'\n`);
    await chmod(join(venv, 'bin', 'python'), 0o755);

    const elsewhere = join(tmp, 'elsewhere');
    await mkdir(elsewhere);
    const { SEEDSTUDY_PYTHON: _drop, ...inherited } = process.env;
    const env = { ...inherited, XDG_DATA_HOME: data, SEEDSTUDY_CACHE_DIR: join(tmp, 'cache') };
    const seedstudy = (...args: string[]) =>
      execa(join(prefix, 'bin', 'seedstudy'), args, { cwd: elsewhere, env, extendEnv: false, reject: false });

    const validate = await seedstudy('validate', '../project/study.yaml');
    expect(validate.stderr).toBe('');
    expect(validate.stdout.split('\n').slice(0, 5)).toEqual([
      `OK ${join(project, 'study.yaml')}`,
      '  study       packed',
      '  arms        1: base',
      '  seeds       5: 0, 1, 2, 3, 4',
      '  runs        5',
    ]);
    expect(validate.stdout).toContain(`  output      ${join(elsewhere, 'runs/packed')}`);

    const plan = await seedstudy('plan', '../project/study.yaml', '--json');
    expect(plan.exitCode).toBe(0);
    const runs = (JSON.parse(plan.stdout) as { runs: { seed: number; config: Record<string, unknown> }[] }).runs;
    expect(runs.map((r) => r.seed)).toEqual([0, 1, 2, 3, 4]);
    expect(runs[0]!.config).toMatchObject({
      model: join(project, 'model'),
      data: join(project, 'data'),
      seed: 0,
      iters: 4,
    });

    const doctor = await seedstudy('doctor', '--json');
    const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; detail: string }[] }).checks;
    expect(checks.find((c) => c.name === 'python')!.detail).toBe(
      `3.11.7 at ${join(venv, 'bin', 'python')} (from the per-user venv)`,
    );
    expect(checks.find((c) => c.name === 'mlx-lm')!.detail).toBe('0.32.2');
    expect(existsSync(join(elsewhere, 'runs'))).toBe(false);
  });
});
