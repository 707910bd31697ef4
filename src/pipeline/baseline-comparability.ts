import type { EvalSuite } from '../evaluation/suite-schema.js';
import type { ComparabilityChecks } from '../statistics/analysis-result.js';
import { checkBaselineClaim } from '../statistics/baseline-claim.js';
import type { Study } from '../study/study.js';
import { comparabilityReason } from '../wording/comparability.js';
import { studyBaselineClaims, studyScoreValues } from './study-claims.js';

/** One baseline of a study checked against the study's own eval suite. */
export interface BaselineComparability {
  name: string;
  comparability: ComparabilityChecks;
}

/**
 * The comparability gate applied at `validate` time, before any training: can each claimed
 * baseline come from this suite (prompt counts per category) under this scorer? A claim that
 * cannot will end as `not-comparable` whatever the seeds score, which a user should know before
 * spending the compute (it is a finding about the claim, not an error in the study).
 */
export function suiteBaselineComparability(study: Study, suite: Pick<EvalSuite, 'prompts'>): BaselineComparability[] {
  const categoryPrompts: Record<string, number> = {};
  for (const p of suite.prompts) categoryPrompts[p.category] = (categoryPrompts[p.category] ?? 0) + 1;
  const raw = studyScoreValues(study);
  return studyBaselineClaims(study).map((claim) => ({
    name: claim.name,
    comparability: checkBaselineClaim(claim, categoryPrompts, raw),
  }));
}

/** One line per baseline for `validate`'s output. */
export function formatBaselineComparability(checks: readonly BaselineComparability[]): string[] {
  return checks.map((c) =>
    c.comparability.passed
      ? `  baseline    ${c.name}: comparable with this suite${c.comparability.verifiable ? '' : ' (not verified)'}: ${comparabilityReason(c.comparability)}`
      : `  baseline    ${c.name}: NOT COMPARABLE with this suite, so its verdict will be not-comparable whatever the seeds score: ${comparabilityReason(c.comparability)}`,
  );
}
