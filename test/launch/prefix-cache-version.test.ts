import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { prefixCacheScript } from '../../src/launch/trainer-argv.js';
import { PREFIX_CACHE_MLX_LM } from '../../src/study/rules/prefix-cache-supported.js';

describe('the mlx-lm release the prefix-cache trainer is verified against', () => {
  it('is the same in validate, in the Python trainer and in the venv pin, so bumping one without the others fails', async () => {
    const script = await readFile(prefixCacheScript, 'utf8');
    const venv = await readFile('scripts/setup-venv.sh', 'utf8');
    expect(/^VERIFIED_MLX_LM = "([^"]+)"$/m.exec(script)?.[1]).toBe(PREFIX_CACHE_MLX_LM);
    expect(/^MLX_LM_VERSION="([^"]+)"$/m.exec(venv)?.[1]).toBe(PREFIX_CACHE_MLX_LM);
  });
});
