import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tinyDir } from './helpers/tiny-run.js';

const python = resolve('.venv/bin/python');

/**
 * The Python side's own tests (scripts/tests, pytest in the project venv): `npm test` runs them here so a
 * failing worker test fails the suite with pytest's report. Under CI=true a missing venv is a failure.
 */
describe('scripts/tests (pytest, real mlx-lm)', () => {
  it('passes', async (ctx) => {
    if (!existsSync(python)) {
      if (process.env.CI === 'true') throw new Error(`no venv at ${python}: run bash scripts/setup-venv.sh`);
      ctx.skip(`no venv at ${python} (bash scripts/setup-venv.sh creates it)`);
    }
    const tiny = await tinyDir();
    const run = await execa(python, ['-m', 'pytest', 'scripts/tests', '-q', '-p', 'no:cacheprovider'], {
      env: { HF_HUB_OFFLINE: '1', TOKENIZERS_PARALLELISM: 'false', SEEDSTUDY_TINY_DIR: tiny, CI: process.env.CI ?? '' },
      reject: false,
      all: true,
    });
    if (run.exitCode !== 0) throw new Error(`pytest failed (exit ${run.exitCode}):\n${run.all}`);
    expect(run.all).toMatch(/\d+ passed/);
    expect(run.all).not.toMatch(/skipped/);
  }, 300_000);
});
