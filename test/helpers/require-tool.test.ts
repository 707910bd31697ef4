import { describe, expect, it } from 'vitest';
import { requireTool, type Tool } from './require-tool.js';

const missing: Tool = { name: 'Chromium (/usr/bin/chromium)', available: false, install: 'apt-get install chromium' };
const present: Tool = { ...missing, available: true };

describe('requireTool: a missing tool skips locally and fails in CI', () => {
  it('under CI=true a missing tool throws, naming the tool and how to install it', () => {
    expect(() => requireTool(missing, { CI: 'true' })).toThrow(
      'CI=true: Chromium (/usr/bin/chromium) is missing (not found); install it with: apt-get install chromium',
    );
  });

  it('says why the tool is missing when the caller knows', () => {
    const slurm: Tool = { name: 'Slurm', available: false, reason: 'needs root', install: 'slurm-local.sh' };
    expect(() => requireTool(slurm, { CI: 'true' })).toThrow(/Slurm is missing \(needs root\).*slurm-local\.sh/);
  });

  it('outside CI a missing tool means skip (false), not an error', () => {
    expect(requireTool(missing, {})).toBe(false);
    expect(requireTool(missing, { CI: 'false' })).toBe(false);
  });

  it('an available tool runs, in CI or not', () => {
    expect(requireTool(present, { CI: 'true' })).toBe(true);
    expect(requireTool(present, {})).toBe(true);
  });
});
