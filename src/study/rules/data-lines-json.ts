import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dataSplits } from '../data-split-names.js';
import type { RuleViolation, StudyRule } from './rule.js';

/** What is wrong with one data line, or undefined when mlx-lm can read it. */
function lineProblem(line: string): string | undefined {
  if (line.trim() === '') return 'is empty (mlx-lm parses every line as JSON)';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return `is not valid JSON: ${line.length > 60 ? `${line.slice(0, 60)}...` : line}`;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'is JSON but not an object';
}

/**
 * mlx-lm reads each split with `json.loads` on every line only when training starts, so one bad
 * line fails every run: each file is streamed (data sets can be large) and its first bad line
 * reported, with the numbers of the others. Missing files are the `dataSplitsPresent` rule's.
 */
export const dataLinesJson: StudyRule = async ({ study }) => {
  const violations: RuleViolation[] = [];
  for (const split of dataSplits) {
    const file = join(study.data, `${split}.jsonl`);
    if (
      !(await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      continue;
    const bad: { line: number; problem: string }[] = [];
    let n = 0;
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      n++;
      const problem = lineProblem(line);
      if (problem) bad.push({ line: n, problem });
    }
    const [first, ...others] = bad;
    if (!first) continue;
    const more =
      others.length === 0
        ? ''
        : ` (and ${others.length} more bad line${others.length === 1 ? '' : 's'}: ${others
            .slice(0, 10)
            .map((b) => b.line)
            .join(', ')}${others.length > 10 ? ', ...' : ''})`;
    violations.push({
      path: ['data'],
      at: { file, line: first.line },
      message: `line ${first.problem}${more}`,
      fix: 'write one JSON object per line, with no blank lines; mlx-lm reads every line of the file',
    });
  }
  return violations;
};
