import { stat } from 'node:fs/promises';
import { loadSuite } from '../evaluation/load-suite.js';
import { combineUserErrors } from '../errors/user-error-list.js';
import { isUserError } from '../errors/user-error.js';
import { checkStudy, type LoadStudyOptions } from '../study/load-study.js';
import type { Study } from '../study/study.js';

/**
 * The full check behind `seedstudy validate`: the study's rules and the eval suite's content,
 * every problem reported in one UserError so one round of fixes is enough. The suite is read
 * even when the model or data rules failed, as long as the suite file exists (a missing one is
 * already a study problem). Writes nothing.
 */
export async function validateStudy(file: string, options: LoadStudyOptions = {}): Promise<Study> {
  const { study, problems } = await checkStudy(file, options);
  const suiteIsFile = await stat(study.suitePath).then((s) => s.isFile(), () => false);
  if (suiteIsFile) {
    // The suite's own content (ids, scorer fields) is validated too, so a bad prompt fails here, not mid-eval.
    await loadSuite(study.suitePath, study.eval.max_tokens).catch((error: unknown) => {
      if (!isUserError(error)) throw error;
      problems.push(error);
    });
  }
  const error = combineUserErrors(problems);
  if (error) throw error;
  return study;
}
