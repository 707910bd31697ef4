import { resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { mlxConfigKeys } from '../../src/study/mlx-config-keys.js';
import { configDefaultsKeys } from './mlx-config-defaults.js';

describe('the mlx-lm config key table against the installed mlx-lm', () => {
  it("lists the venv's CONFIG_DEFAULTS keys, and classifies each", async () => {
    // The project venv (scripts/setup-venv.sh, mlx-lm 0.32.2); a missing venv fails this test.
    const python = resolve('.venv/bin/python');
    const script = 'import json; from mlx_lm.lora import CONFIG_DEFAULTS; print(json.dumps(list(CONFIG_DEFAULTS)))';
    const { stdout } = await execa(python, ['-c', script], { env: { HF_HUB_OFFLINE: '1' }, timeout: 120_000 });
    const keys = JSON.parse(stdout) as string[];
    expect(keys).toEqual(configDefaultsKeys);
    expect(keys.filter((key) => !(key in mlxConfigKeys))).toEqual([]);
  }, 130_000);
});
