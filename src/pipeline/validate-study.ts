import { stat } from 'node:fs/promises';
import { loadSuite } from '../evaluation/load-suite.js';
import { checkSuiteFields } from '../evaluation/scorers/suite-fields.js';
import { combineUserErrors } from '../errors/user-error-list.js';
import { isUserError, UserError } from '../errors/user-error.js';
import { suiteBaselineComparability, type BaselineComparability } from './baseline-comparability.js';
import { checkStudy, type LoadStudyOptions } from '../study/load-study.js';
import type { Study } from '../study/study.js';
import { comparabilityReason } from '../wording/comparability.js';

/**
 * The full check behind `seedstudy validate` and the start of `seedstudy run`: the study's rules
 * and the eval suite's content (checked against the scorer), every problem reported in one UserError
 * so one round of fixes is enough. The suite is read
 * even when the model or data rules failed, as long as the suite file exists (a missing one is
 * already a study problem). Writes nothing.
 */
export async function validateStudy(file: string, options: LoadStudyOptions = {}): Promise<Study> {
  const { study, error } = await checkStudyAndSuite(file, options);
  if (error) throw error;
  return study;
}

/**
 * What `validate` learns: the study, every problem (combined), and each baseline checked against the suite when it
 * loaded.
 */
export interface StudyValidation {
  study: Study;
  error: UserError | undefined;
  baselines: BaselineComparability[];
}

/**
 * Like validateStudy, but returns the problems instead of throwing, with the baselines' comparability with the suite.
 */
export async function checkStudyAndSuite(file: string, options: LoadStudyOptions = {}): Promise<StudyValidation> {
  const { study, problems } = await checkStudy(file, options);
  const suitePath = study.suitePath;
  const suiteIsFile =
    suitePath !== undefined &&
    (await stat(suitePath).then(
      (s) => s.isFile(),
      () => false,
    ));
  let baselines: BaselineComparability[] = [];
  if (suitePath !== undefined && suiteIsFile) {
    // The suite's own content (ids, scorer fields) is validated too, so a bad prompt fails here, not mid-eval.
    const suite = await loadSuite(suitePath, study.eval.max_tokens).catch((error: unknown) => {
      if (!isUserError(error)) throw error;
      problems.push(error);
      return undefined;
    });
    if (suite) baselines = suiteBaselineComparability(study, suite);
    const refused = sequentialReproduceRefusal(study, baselines);
    if (refused) problems.push(refused);
    // The fields the scorer reads (eval.command scores by itself): a missing reference or bad regex fails here.
    if (suite && !study.eval.command) problems.push(...checkSuiteFields(suite, study.eval.scorer));
  }
  return { study, error: combineUserErrors(problems), baselines };
}

/**
 * A sequential reproduce design on a claim the comparability gate marks not comparable would spend
 * seeds on a question with no answer: the verdict is not-comparable whatever the runs score. Refused.
 */
export function sequentialReproduceRefusal(
  study: Study,
  baselines: readonly BaselineComparability[],
): UserError | undefined {
  const design = study.sequential;
  if (design?.question !== 'reproduce') return undefined;
  const check = baselines.find((b) => b.name === design.baseline);
  if (!check || check.comparability.passed) return undefined;
  return new UserError(
    `a sequential reproduce design needs a claim this suite can check, and baseline "${design.baseline}" is not comparable with it: ${comparabilityReason(check.comparability)}`,
    {
      file: study.file,
      keyPath: 'sequential.baseline',
      fix: 'fix the claim (prompt_count, categories, tolerance) so it matches the suite, or remove the `sequential` block and run the fixed design',
    },
  );
}
