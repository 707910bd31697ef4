import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/engine/doctor.js';
import { projectVenvPython, resolvePython, setupVenvDir } from '../../src/engine/python.js';
import { readInstalledVersion } from '../../src/engine/installed-version.js';

/** A fake interpreter: a shell script that prints what probe-python's snippet would. */
async function fakePython(output: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'seedstudy-py-'));
  const path = join(dir, 'python');
  await writeFile(path, `#!/bin/sh\necho '${output}'\n`);
  await chmod(path, 0o755);
  return path;
}

describe('resolvePython', () => {
  const study = { file: '/studies/s.yaml', engine: { python: '../envs/py/bin/python' } };
  it("prefers SEEDSTUDY_PYTHON, then the study, then the installation's .venv, then the per-user venv", async () => {
    expect(resolvePython(study, { SEEDSTUDY_PYTHON: '/x/python' })).toEqual({ path: '/x/python', source: 'env' });
    expect(resolvePython(study, {})).toEqual({ path: '/envs/py/bin/python', source: 'study' });
    expect(resolvePython({ file: '/s.yaml', engine: {} }, { SEEDSTUDY_PYTHON: 'rel/python' }, '/cwd')).toEqual({
      path: '/cwd/rel/python',
      source: 'env',
    });
    expect(resolvePython(undefined, { SEEDSTUDY_PYTHON: 'python3' })).toEqual({ path: 'python3', source: 'env' });
    // An installation with a .venv (a source checkout after `npm test`) uses it...
    const checkout = await mkdtemp(join(tmpdir(), 'seedstudy-root-'));
    await mkdir(join(checkout, '.venv', 'bin'), { recursive: true });
    await writeFile(join(checkout, '.venv', 'bin', 'python'), '');
    expect(resolvePython(undefined, {}, '/cwd', checkout)).toEqual({
      path: join(checkout, '.venv/bin/python'),
      source: 'venv',
    });
    // ...an installed package without one uses the per-user venv, which `seedstudy setup` creates.
    const installed = await mkdtemp(join(tmpdir(), 'seedstudy-root-'));
    expect(resolvePython(undefined, { XDG_DATA_HOME: '/data' }, '/cwd', installed)).toEqual({
      path: '/data/seedstudy/venv/bin/python',
      source: 'user-venv',
    });
    expect(resolvePython(undefined, {}, '/cwd', installed).path).toBe(
      join(homedir(), '.local/share/seedstudy/venv/bin/python'),
    );
    expect(setupVenvDir({ XDG_DATA_HOME: '/data' }, installed)).toBe('/data/seedstudy/venv');
    expect(setupVenvDir({ XDG_DATA_HOME: '/data' }, checkout)).toBe(join(checkout, '.venv'));
    expect(projectVenvPython).toBe(resolve('.venv/bin/python'));
  });

  it('reads an installed version from a venv layout without running Python', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seedstudy-venv-'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'lib', 'python3.11', 'site-packages', 'mlx_lm-0.32.2.dist-info'), { recursive: true });
    await mkdir(join(dir, 'lib', 'python3.11', 'site-packages', 'mlx_cpu-0.32.4.dist-info'), { recursive: true });
    expect(await readInstalledVersion(join(dir, 'bin', 'python'), 'mlx_lm')).toBe('0.32.2');
    expect(await readInstalledVersion(join(dir, 'bin', 'python'), 'mlx')).toBeNull();
    expect(await readInstalledVersion('python3', 'mlx_lm')).toBeNull();
  });
});

describe('runDoctor', () => {
  it('reports versions and backend of a working interpreter', async () => {
    const python = await fakePython(
      '{"python": "3.11.7", "mlx": "0.32.4", "mlxLm": "0.32.2", "defaultDevice": "gpu", "metal": true, "cuda": false, "mlxError": null}',
    );
    const report = await runDoctor({ path: python, source: 'env' }, 'darwin');
    expect(report.ok).toBe(true);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName['mlx-lm']!.detail).toBe('0.32.2');
    expect(byName.backend!.detail).toBe('metal (default device gpu)');
    expect(byName['g++']).toBeUndefined();
  });

  it('fails, with the fix, when mlx-lm is missing or the interpreter does not exist', async () => {
    const python = await fakePython(
      '{"python": "3.12.1", "mlx": null, "mlxLm": null, "defaultDevice": null, "metal": false, "cuda": false, "mlxError": "ModuleNotFoundError: No module named mlx"}',
    );
    const report = await runDoctor({ path: python, source: 'env' }, 'linux');
    expect(report.ok).toBe(false);
    const mlxLm = report.checks.find((c) => c.name === 'mlx-lm')!;
    expect(mlxLm).toMatchObject({ ok: false, required: true, detail: 'not installed' });
    expect(mlxLm.fix).toContain('seedstudy setup');
    expect(report.checks.some((c) => c.name === 'g++')).toBe(true);
    const absent = await runDoctor({ path: '/nonexistent/python', source: 'study' }, 'linux');
    expect(absent.ok).toBe(false);
    expect(absent.checks.find((c) => c.name === 'python')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not found') as unknown,
    });
  });
});

describe('runSetup', () => {
  it('runs the script and turns a failure into a user error', async () => {
    const { runSetup } = await import('../../src/engine/setup.js');
    const dir = await mkdtemp(join(tmpdir(), 'seedstudy-setup-'));
    await writeFile(join(dir, 'ok.sh'), `echo "$1" > ${join(dir, 'venv-arg')}\n`);
    await writeFile(join(dir, 'fail.sh'), 'exit 3\n');
    await expect(runSetup({ script: join(dir, 'ok.sh'), venv: join(dir, 'venv') })).resolves.toBe(join(dir, 'venv'));
    expect(await readFile(join(dir, 'venv-arg'), 'utf8')).toBe(`${join(dir, 'venv')}\n`);
    await expect(runSetup({ script: join(dir, 'fail.sh') })).rejects.toMatchObject({
      name: 'UserError',
      message: 'the environment setup failed (exit code 3)',
      exitCode: 1,
    });
    await expect(runSetup({ script: join(dir, 'missing.sh') })).rejects.toMatchObject({ exitCode: 2 });
  });
});
