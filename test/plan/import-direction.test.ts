import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const planDir = join(import.meta.dirname, '../../src/plan');

describe('plan/ import direction', () => {
  it('imports neither engine/ (the caller passes the mlx-lm version) nor a study validation rule', async () => {
    const files = (await readdir(planDir)).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offending: string[] = [];
    for (const file of files) {
      const text = await readFile(join(planDir, file), 'utf8');
      for (const m of text.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)) {
        const target = m[1] ?? m[2]!;
        if (/^\.\.\/(engine|study\/rules|pipeline|cli)\//.test(target)) offending.push(`${file} → ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
