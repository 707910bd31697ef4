import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithTool } from '../../helpers/require-tool.js';
import { rRpact } from '../../helpers/r-rpact.js';
import { caseId, expectMatchesRpact, fixtureDir, storedCases, type RpactCase } from './rpact-cases.js';

// Live check against R rpact 3.3.4. For each case the R script runs
//   getDesignGroupSequential(kMax = k, alpha, beta, sided = 2, informationRates, typeOfDesign = "asOF" | "asP" |
//     "asHSD", gammaA = -2, [typeBetaSpending = "bsOF" | "bsP" | "bsHSD", gammaB = -2, bindingFutility = FALSE])
//   getDesignCharacteristics(design)
// (test/fixtures/sequential/rpact-designs.R) and seedstudy's design must equal it to 1e-6.
// The live run covers K = 2..5, equal and unequal looks, α 0.05 and 0.01, all three spending
// families, with and without futility (R takes ~10 s); the stored output of all 96 cases is checked too.
const LIVE = [
  '2:equal:0.05:obrien-fleming:true',
  '3:unequal:0.01:pocock:true',
  '4:equal:0.05:hwang-shih-decani:true',
  '5:unequal:0.05:obrien-fleming:true',
  '4:unequal:0.01:obrien-fleming:false',
  '5:equal:0.01:pocock:false',
  '3:equal:0.05:hwang-shih-decani:false',
  '2:unequal:0.01:hwang-shih-decani:true',
];

describeWithTool(rRpact, 'group-sequential designs equal R rpact (live)', () => {
  const out = execFileSync('Rscript', [path.join(fixtureDir, 'rpact-designs.R'), ...LIVE], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const cases = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RpactCase);

  it('runs every requested case', () => {
    expect(cases.map(caseId)).toEqual(LIVE);
  });

  for (const [i, id] of LIVE.entries()) {
    it(`matches rpact: ${id}`, () => expectMatchesRpact(cases[i]!));
  }

  it('the stored fixture is what this R produces', () => {
    const stored = new Map(storedCases().map((c) => [caseId(c), c]));
    for (const c of cases) expect(stored.get(caseId(c))).toEqual(c);
  });
});

describeWithTool(rRpact, 'group-sequential designs equal the stored rpact output (all 96 cases)', () => {
  for (const c of storedCases()) it(`matches rpact: ${caseId(c)}`, () => expectMatchesRpact(c));
});
