import { stat } from 'node:fs/promises';
import type { StudyRule } from './rule.js';

/** Evaluation starts after hours of training: a wrong suite path must fail before the first run. */
export const evalSuiteExists: StudyRule = async ({ study }) => {
  if (study.suitePath === undefined) {
    // eval.command owns its prompts; the built-in evaluation needs a suite.
    return study.eval.command
      ? undefined
      : {
          path: ['eval', 'suite'],
          message: 'eval.suite is missing',
          fix:
            'point `eval.suite` at a JSONL or YAML eval suite (docs/eval-suite.md), ' +
            'or bring your own evaluator with eval.command',
        };
  }
  const isFile = await stat(study.suitePath).then(
    (s) => s.isFile(),
    () => false,
  );
  return isFile
    ? undefined
    : {
        path: ['eval', 'suite'],
        message: `eval suite not found: ${study.suitePath}`,
        fix: 'point `eval.suite` (relative to the study file) at a JSONL or YAML eval suite',
      };
};
