import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { probeEngineVersions } from '../../src/launch/engine-versions.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';

const PYTHON = resolve('.venv/bin/python');

describeWithTool(projectVenv, 'probeEngineVersions on the project venv', () => {
  it('reads python, mlx and mlx-lm versions of the project venv', async () => {
    const v = await probeEngineVersions(PYTHON);
    expect(v.python).toMatch(/^3\.\d+\.\d+$/);
    expect(v.mlx).toMatch(/^\d+\.\d+/);
    expect(v.mlxLm).toMatch(/^\d+\.\d+/);
  });
});
