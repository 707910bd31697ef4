import { describeIntegrityProblem, type IntegrityProblem } from '../evaluation/integrity-problem.js';

/** One warning line (stderr) per checkpoint or record file that no longer matches what was recorded. */
export function printIntegrityProblems(problems: readonly IntegrityProblem[]): void {
  for (const p of problems) console.error(`WARNING: ${describeIntegrityProblem(p)}`);
}
