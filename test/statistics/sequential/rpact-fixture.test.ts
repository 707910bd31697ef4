import { describe, it } from 'vitest';
import { caseId, expectMatchesRpact, storedCases } from './rpact-cases.js';

// Unit tier: every 32nd of the 96 stored rpact cases (test/fixtures/sequential/rpact-designs.jsonl, written
// by rpact-designs.R; the R call is cited there and in rpact-designs.real.test.ts, which also runs R live).
describe('group-sequential designs equal stored rpact output (sample)', () => {
  for (const c of storedCases().filter((_, i) => i % 32 === 3))
    it(`matches rpact: ${caseId(c)}`, () => expectMatchesRpact(c));
});
