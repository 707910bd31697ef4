import { stat } from 'node:fs/promises';
import type { StudyRule } from './rule.js';

/** Evaluation starts after hours of training: a wrong suite path must fail before the first run. */
export const evalSuiteExists: StudyRule = async ({ study }) => {
  const isFile = await stat(study.suitePath).then((s) => s.isFile(), () => false);
  return isFile ? undefined : { path: ['eval', 'suite'], message: `eval suite not found: ${study.suitePath}`, fix: 'point `eval.suite` (relative to the study file) at a JSONL or YAML eval suite' };
};
