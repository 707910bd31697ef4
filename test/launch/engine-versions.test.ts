import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeEngineVersions } from '../../src/launch/engine-versions.js';

const PYTHON = resolve('.venv/bin/python');

describe('probeEngineVersions', () => {
  it.skipIf(!existsSync(PYTHON))('reads python, mlx and mlx-lm versions of the project venv', async () => {
    const v = await probeEngineVersions(PYTHON);
    expect(v.python).toMatch(/^3\.\d+\.\d+$/);
    expect(v.mlx).toMatch(/^\d+\.\d+/);
    expect(v.mlxLm).toMatch(/^\d+\.\d+/);
  });

  it('is all-null, not an error, for a missing interpreter', async () => {
    expect(await probeEngineVersions('/nonexistent/bin/python')).toEqual({ python: null, mlx: null, mlxLm: null });
    expect(await probeEngineVersions(undefined)).toEqual({ python: null, mlx: null, mlxLm: null });
  });
});
