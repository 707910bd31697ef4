import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('studies/demo.yaml', () => {
  it('validates against the study schema and points at the tiny model', async () => {
    const { studySchema } = await import('../../src/study/schema.js');
    const file = path.resolve(import.meta.dirname, '../../studies/demo.yaml');
    const study = studySchema.parse(parse(await readFile(file, 'utf8')));
    expect(study.model).toBe('../.cache/tiny/model');
    expect(study.arms.length).toBe(2);
    const iters = study.train.iters ?? 0;
    const saveEvery = study.train.save_every ?? 1;
    expect(iters % saveEvery).toBe(0);
    expect(study.eval.chat_template_args).toEqual({ enable_thinking: false });
  });
});
