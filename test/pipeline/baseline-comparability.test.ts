import { describe, expect, it } from 'vitest';
import { suiteBaselineComparability } from '../../src/pipeline/baseline-comparability.js';
import type { Study } from '../../src/study/study.js';
import type { ScorerConfig } from '../../src/study/schema.js';

/** The parts of a study the check reads: the scorer, eval.repeats and the baselines (as the schema leaves them). */
function study(scorer: ScorerConfig, baselines: Partial<Study['baselines'][number]>[], repeats = 1): Study {
  return {
    eval: { scorer, repeats },
    baselines: baselines.map((b) => ({ name: 'claim', repeats: 1, ...b })),
  } as unknown as Study;
}
const prompts = (n: number, category = 'all') => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, category }));
const toolCall = (direct_score: number): ScorerConfig => ({ kind: 'tool-call', wrapper: 'execute_code', direct_score });

describe("baselines checked against the study's own suite and scorer (validate)", () => {
  it("the scorer's direct_score sets the lattice: 65% of 2 prompts exists with direct_score 0.3, not with 0.5", () => {
    // direct 0.3: means of 2 prompts in {0, 0.3, 1} are 0, 0.15, 0.3, 0.5, 0.65, 1; with 0.5: 0, 0.25, …, 1.
    const [a] = suiteBaselineComparability(study(toolCall(0.3), [{ claimed: '65%' }]), {
      prompts: prompts(2),
    } as never);
    expect(a!.comparability.passed).toBe(true);
    expect(a!.comparability.score_values).toEqual([0, 0.3, 1]);
    const [b] = suiteBaselineComparability(study(toolCall(0.5), [{ claimed: '65%' }]), {
      prompts: prompts(2),
    } as never);
    expect(b!.comparability.passed).toBe(false);
    expect(b!.comparability.nearest).toEqual([0.5, 0.75]);
  });
  it('a claim is checked on its own number of evaluations per prompt, not on eval.repeats', () => {
    // 82.4% is off the single-pass 27-prompt grid (k/54), but 89/108 = 82.41% is a two-pass average.
    const single = suiteBaselineComparability(study(toolCall(0.5), [{ claimed: '82.4%' }], 2), {
      prompts: prompts(27),
    } as never)[0]!;
    expect(single.comparability.passed).toBe(false);
    const twoPass = suiteBaselineComparability(study(toolCall(0.5), [{ claimed: '82.4%', repeats: 2 }], 1), {
      prompts: prompts(27),
    } as never)[0]!;
    expect(twoPass.comparability.passed).toBe(true);
    expect(twoPass.comparability.effective).toBeCloseTo(89 / 108, 15);
  });
  it('an external scorer cannot be checked: passed but not verified', () => {
    const [c] = suiteBaselineComparability(
      study({ kind: 'external', command: ['score'], timeout_s: 300 }, [{ claimed: '82.4%' }]),
      { prompts: prompts(27) } as never,
    );
    expect(c!.comparability).toMatchObject({ passed: true, verifiable: false });
  });
  it('the categories come from the suite, each claimed category on its own prompt count', () => {
    const suite = {
      prompts: [...prompts(9, 'domain'), ...prompts(1, 'multi_tool').map((p) => ({ ...p, id: `m${p.id}` }))],
    };
    const [c] = suiteBaselineComparability(
      study(toolCall(0.5), [{ claimed: '55%', categories: { domain: '60%', multi_tool: '35%' } }]),
      suite as never,
    );
    expect(c!.comparability.checks.map((k) => [k.figure, k.prompts, k.reachable])).toEqual([
      ['overall', 10, true],
      ['domain', 9, false],
      ['multi_tool', 1, false],
    ]);
  });
});
