import { describe, expect, it } from 'vitest';
import { probeEngineVersions } from '../../src/launch/engine-versions.js';

// The probe against the real project venv is engine-versions.real.test.ts.
describe('probeEngineVersions', () => {
  it('is all-null, not an error, for a missing interpreter', async () => {
    expect(await probeEngineVersions('/nonexistent/bin/python')).toEqual({ python: null, mlx: null, mlxLm: null });
    expect(await probeEngineVersions(undefined)).toEqual({ python: null, mlx: null, mlxLm: null });
  });
});
