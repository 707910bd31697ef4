import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { suiteBaselineComparability } from '../../src/pipeline/baseline-comparability.js';
import { sequentialReproduceRefusal } from '../../src/pipeline/validate-study.js';
import { studyJsonSchema } from '../../src/study/json-schema.js';
import type { Study } from '../../src/study/study.js';

const prompts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, category: 'all' }));
function study(claimed: string): Study {
  return {
    file: '/studies/x.yaml',
    eval: { scorer: { kind: 'tool-call', wrapper: 'execute_code', direct_score: 0.5 }, repeats: 1 },
    baselines: [{ name: 'phase43', claimed, repeats: 1 }],
    sequential: {
      question: 'reproduce',
      baseline: 'phase43',
      looks: [2, 4, 6],
      p0: 0.5,
      p1: 0.1,
      alpha: 0.05,
      beta: 0.05,
    },
  } as unknown as Study;
}

describe('a sequential reproduce design on a not-comparable claim', () => {
  it('is refused at validate with the gate’s reason (82.4% is not k/54 on 27 single-pass prompts)', () => {
    const s = study('82.4%');
    const error = sequentialReproduceRefusal(s, suiteBaselineComparability(s, { prompts: prompts(27) } as never));
    expect(error?.keyPath).toBe('sequential.baseline');
    expect(error?.message).toContain('baseline "phase43" is not comparable');
    expect(error?.fix).toContain('remove the `sequential` block');
  });
  it('is accepted on a comparable claim (38.9% = 21/54)', () => {
    const s = study('38.9%');
    expect(
      sequentialReproduceRefusal(s, suiteBaselineComparability(s, { prompts: prompts(27) } as never)),
    ).toBeUndefined();
  });
});

describe('the study JSON Schema', () => {
  const validate = new Ajv({ strict: false }).compile(studyJsonSchema());
  const minimal = { name: 'x', model: 'm', data: 'd', seeds: [0, 1, 2, 3, 4], eval: { suite: 's.yaml' } };
  it('accepts both sequential questions and rejects an unknown key inside the block', () => {
    expect(
      validate({
        ...minimal,
        sequential: { question: 'compare', arms: ['a', 'b'], looks: [2, 5], effect: { d: 1 }, futility: {} },
      }),
    ).toBe(true);
    expect(validate({ ...minimal, sequential: { question: 'reproduce', baseline: 'b', looks: [1, 2, 3] } })).toBe(true);
    expect(
      validate({ ...minimal, sequential: { question: 'compare', arms: ['a', 'b'], looks: [2], alpah: 0.05 } }),
    ).toBe(false);
  });
});
