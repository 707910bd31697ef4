import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { trainStudyCommand } from '../../src/pipeline/train-study-command.js';
import { loadStudy } from '../../src/study/load-study.js';
import { writeSequentialStudy } from './sequential-fixture.js';

describe('seedstudy train on a sequential study', () => {
  it('refuses to train every seed up front, names the key and both ways on, and writes nothing', async () => {
    const design = { question: 'compare', arms: ['a', 'b'], looks: [2, 4] };
    const { file } = await writeSequentialStudy(design, [0, 1, 2, 3]);
    const study = await loadStudy(file);
    const error = await trainStudyCommand(study).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect([e.file, e.keyPath]).toEqual([file, 'sequential']);
    expect(e.message).toBe('this study has a sequential design: `seedstudy train` would train all 4 seeds up front');
    expect(e.fix).toContain('`seedstudy run`');
    expect(e.fix).toContain('--all-seeds');
    expect(existsSync(study.outputDir)).toBe(false);
  });
});
