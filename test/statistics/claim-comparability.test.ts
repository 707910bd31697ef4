import { describe, expect, it } from 'vitest';
import {
  checkClaimComparability as checkCodes,
  claimConsistency,
  type ClaimFigures,
  type EvalStructure,
} from '../../src/statistics/claim-comparability.js';
import { wordComparability } from '../../src/wording/comparability.js';

/** The gate's codes with their words (wording/comparability.ts), as summary.json holds them. */
const checkClaimComparability = (claim: ClaimFigures, structure: EvalStructure) =>
  wordComparability(checkCodes(claim, structure));

// The seed document's suite: 27 prompts in 7 categories, scored 0/0.5/1 by the tool-call rubric.
const suite: EvalStructure = {
  categoryPrompts: { text_tools: 3, validation: 3, lsp: 5, git: 3, cst: 3, domain: 9, multi_tool: 1 },
  promptValues: [0, 0.5, 1],
  valuesSource: 'the tool-call scorer',
};
/** A figure printed as "x%" with d decimals: tolerance half a unit of the last digit. */
const printed = (percent: number, decimals: number) => ({
  value: percent / 100,
  tolerance: (0.5 * 10 ** -decimals) / 100,
});

describe('comparability gate: the overall', () => {
  it('a claim on the lattice passes (38.9% = 21/54 within its printed rounding)', () => {
    const c = checkClaimComparability({ overall: printed(38.9, 1) }, suite);
    expect(c.passed).toBe(true);
    expect(c.verifiable).toBe(true);
    expect(c.on_grid).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.reason).toBe(
      '38.9% is within its ±0.05 points rounding of 38.89%, a score 27 prompts scored 0, 0.5 or 1 can produce',
    );
    // The seeds are compared with the score the claim stands for, not with the rounded print.
    expect(c.effective).toBeCloseTo(21 / 54, 15);
  });
  it('a coarse print stands for the nearest reachable score within its rounding (ties: the lower)', () => {
    // "81%" (±0.5 points) on 27 prompts: only 44/54 = 81.48% is within [80.5%, 81.5%].
    expect(checkClaimComparability({ overall: printed(81, 0) }, suite).effective).toBeCloseTo(44 / 54, 15);
    // 200 prompts (k/400): "50%" ±0.5 points covers 49.5%…50.5%; 50% itself is reachable.
    expect(
      checkClaimComparability({ overall: printed(50, 0) }, { ...suite, categoryPrompts: { all: 200 } }).effective,
    ).toBe(0.5);
    // Equidistant neighbours: 2 prompts scored 0/1 reach 0, 0.5 and 1; a claim of 0.25 ± 0.25 is as close
    // to 0 as to 0.5, and the lower one is taken.
    expect(
      checkClaimComparability(
        { overall: { value: 0.25, tolerance: 0.25 } },
        { ...suite, categoryPrompts: { all: 2 }, promptValues: [0, 1] },
      ).effective,
    ).toBe(0);
  });
  it('an unchecked or failed gate has no effective value', () => {
    expect(checkClaimComparability({ overall: printed(82.4, 1) }, suite).effective).toBeUndefined();
    expect(
      checkClaimComparability({ overall: printed(82.4, 1) }, { ...suite, promptValues: null }).effective,
    ).toBeUndefined();
  });
  it('a category named like an Object prototype key is not mistaken for one of the eval', () => {
    const c = checkClaimComparability(
      { overall: printed(38.9, 1), categories: { constructor: printed(50, 0) } },
      suite,
    );
    expect(c.problems[0]).toContain('category constructor is not in this eval');
  });
  it('a claim off the lattice fails with the nearest reachable values (82.4%: 81.48% and 83.33%)', () => {
    const c = checkClaimComparability({ overall: printed(82.4, 1) }, suite);
    expect(c.passed).toBe(false);
    expect(c.on_grid).toBe(false);
    expect(c.nearest![0]).toBeCloseTo(44 / 54, 12);
    expect(c.nearest![1]).toBeCloseTo(45 / 54, 12);
    expect(c.problems[0]).toBe(
      '82.4% (±0.05 points rounding) is not an overall score 27 prompts scored 0, 0.5 or 1 can produce (nearest: 81.48% and 83.33%)',
    );
    // statistics/ returns the code and the numbers; only wording/ writes the sentence.
    expect(checkCodes({ overall: printed(82.4, 1) }, suite).findings).toEqual([
      {
        code: 'overall-unreachable',
        claimed: 82.4 / 100,
        tolerance: 0.05 / 100,
        prompts: 27,
        values: [0, 0.5, 1],
        nearest: c.nearest,
      },
    ]);
    expect(checkCodes({ overall: printed(82.4, 1) }, suite)).not.toHaveProperty('reason');
  });
  it('the rounding tolerance decides, and it is explicit: 81.5% printed with one decimal covers 44/54 = 81.48%', () => {
    expect(checkClaimComparability({ overall: printed(81.5, 1) }, suite).passed).toBe(true);
    // The same value with a stated tolerance of zero is not exactly 44/54.
    expect(checkClaimComparability({ overall: { value: 0.815, tolerance: 0 } }, suite).passed).toBe(false);
    // Printed as "81%" (±0.5 points) it covers 81.48% as well.
    expect(checkClaimComparability({ overall: printed(81, 0) }, suite).passed).toBe(true);
    expect(checkClaimComparability({ overall: printed(82.4, 1) }, suite).tolerance).toBeCloseTo(0.0005, 15);
  });
  it('a claim scored on another number of prompts is not comparable, even when on some grid', () => {
    const c = checkClaimComparability({ overall: printed(50, 0), promptCount: 30 }, suite);
    expect(c.passed).toBe(false);
    expect(c.problems).toContain('the claim was scored on 30 prompts, this eval has 27');
  });
  it('a scorer whose values are unknown (external) leaves reachability unverified instead of guessing', () => {
    const c = checkClaimComparability(
      { overall: printed(82.4, 1) },
      { ...suite, promptValues: null, valuesSource: 'the external scorer' },
    );
    expect(c.passed).toBe(true);
    expect(c.verifiable).toBe(false);
    expect(c.on_grid).toBeUndefined();
    expect(c.reason).toContain('reachability was not checked: the values the external scorer gives are not known');
  });
  it('the scorer decides the lattice: a binary scorer on 27 prompts gives k/27, so 38.9% (≈ 10.5/27) is not reachable', () => {
    const binary = { ...suite, promptValues: [0, 1] };
    expect(checkClaimComparability({ overall: printed(38.9, 1) }, binary).passed).toBe(false);
    expect(checkClaimComparability({ overall: printed(37.0, 1) }, binary).passed).toBe(true); // 10/27 = 37.04%
  });
});

describe('comparability gate: categories', () => {
  it('a category claim impossible for its prompt count fails, naming it (Phase 33b: domain 60% of 9, multi_tool 35% of 1)', () => {
    const c = checkClaimComparability(
      {
        overall: printed(82.4, 1),
        categories: {
          text_tools: printed(100, 0),
          validation: printed(100, 0),
          git: printed(100, 0),
          cst: printed(100, 0),
          lsp: printed(90, 0),
          domain: printed(60, 0),
          multi_tool: printed(35, 0),
        },
      },
      suite,
    );
    expect(c.passed).toBe(false);
    const unreachable = c.checks.filter((k) => k.reachable === false).map((k) => k.figure);
    expect(unreachable).toEqual(['overall', 'domain', 'multi_tool']);
    expect(c.problems).toContain('domain 60% is not a score 9 prompts can produce (nearest: 55.56% and 61.11%)');
    expect(c.problems).toContain('multi_tool 35% is not a score 1 prompt can produce (nearest: 0.00% and 50.00%)');
    // lsp 90% of 5 prompts is 4.5 points: reachable.
    expect(c.checks.find((k) => k.figure === 'lsp')!.reachable).toBe(true);
    // 82.4% is the prompt-weighted mean of these categories (2225/27 %), not their plain mean (585/7 %).
    expect(c.consistency!.prompt_weighted).toBeCloseTo(22.25 / 27, 12);
    expect(c.consistency!.category_mean).toBeCloseTo(5.85 / 7, 12);
    expect(c.consistency!.agrees_prompt_weighted).toBe(true);
    expect(c.consistency!.agrees_category_mean).toBe(false);
  });
  it('a category the eval does not have is not comparable', () => {
    const c = checkClaimComparability(
      { overall: printed(38.9, 1), categories: { refactoring: printed(50, 0) } },
      suite,
    );
    expect(c.passed).toBe(false);
    expect(c.problems[0]).toBe(
      'category refactoring is not in this eval (it has cst, domain, git, lsp, multi_tool, text_tools, validation)',
    );
  });
  it('an overall inconsistent with its categories under both weightings fails', () => {
    // Every category at 50% (reachable everywhere): both weightings give 50%, the claimed overall says 61.1%.
    const half = Object.fromEntries(Object.keys(suite.categoryPrompts).map((c) => [c, printed(50, 0)]));
    const c = checkClaimComparability({ overall: printed(61.1, 1), categories: half }, suite);
    expect(c.checks.every((k) => k.reachable)).toBe(true); // 61.1% ≈ 33/54 is itself reachable
    expect(c.passed).toBe(false);
    expect(c.consistency).toMatchObject({ agrees_prompt_weighted: false, agrees_category_mean: false });
    expect(c.problems).toEqual([
      'the overall 61.1% agrees with the category figures under neither weighting (prompt-weighted 50.00%, mean of categories 50.00%)',
    ]);
  });
  it('an overall that is the plain mean of its categories measures another aggregate', () => {
    // multi_tool 100% (1 prompt), everything else 0: prompt-weighted 1/27 = 3.7%, category mean 1/7 = 14.3%.
    const cats = Object.fromEntries(
      Object.keys(suite.categoryPrompts).map((c) => [c, printed(c === 'multi_tool' ? 100 : 0, 0)]),
    );
    const c = checkClaimComparability(
      { overall: { value: 1 / 7, tolerance: 0.0005 }, categories: cats },
      { ...suite, promptValues: [0, 0.5, 1] },
    );
    expect(c.consistency).toMatchObject({ agrees_prompt_weighted: false, agrees_category_mean: true });
    expect(
      c.problems.some((p) =>
        p.includes(
          'is the plain mean of the category figures (14.29%), not the prompt-weighted mean seedstudy reports (3.70%)',
        ),
      ),
    ).toBe(true);
  });
  it('partly claimed categories still bound the overall', () => {
    // multi_tool 0% (1 prompt) and domain 0% (9 prompts) leave 17 prompts: the overall is at most 17/27 = 62.96%.
    const c = checkClaimComparability(
      { overall: printed(70.4, 1), categories: { domain: printed(0, 0), multi_tool: printed(0, 0) } },
      suite,
    );
    expect(c.passed).toBe(false);
    expect(c.problems).toEqual([
      'the overall 70.4% is outside 0.00%–62.96%, the range the claimed categories allow whatever the other categories scored',
    ]);
    const ok = checkClaimComparability(
      { overall: printed(50, 0), categories: { domain: printed(0, 0), multi_tool: printed(0, 0) } },
      suite,
    );
    expect(ok.passed).toBe(true);
    expect(ok.reason).toContain('the claimed categories do not cover the eval; the overall is within 0.00%–62.96%');
  });
  it("claimConsistency propagates each figure's rounding", () => {
    // Phase 43a's printed table: 50.0, 50.0, 33.3, 16.7, 50.0, 27.8, 100.0 → prompt-weighted 38.896%; claimed 38.9%.
    const x = claimConsistency(
      printed(38.9, 1),
      {
        text_tools: printed(50, 1),
        validation: printed(50, 1),
        git: printed(33.3, 1),
        cst: printed(16.7, 1),
        lsp: printed(50, 1),
        domain: printed(27.8, 1),
        multi_tool: printed(100, 1),
      },
      suite.categoryPrompts,
    );
    expect(x.prompt_weighted).toBeCloseTo((1.5 + 1.5 + 0.999 + 0.501 + 2.5 + 2.502 + 1) / 27, 12);
    expect(x.tolerance_prompt_weighted).toBeCloseTo(0.0005 + 0.0005, 12);
    expect(x.agrees_prompt_weighted).toBe(true);
    expect(x.agrees_category_mean).toBe(false); // plain mean 46.83%
  });
});
