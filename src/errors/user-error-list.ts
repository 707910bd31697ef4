import { UserError } from './user-error.js';

/**
 * Several problems the user can fix, reported at once: a study with a missing model and a
 * missing data directory should need one round trip, not two. It is a UserError, so the CLI
 * prints it without a stack and exits 2; `message` is the numbered list the CLI prints.
 */
export class UserErrorList extends UserError {
  /** Each problem as its own UserError (file, key path, line, fix), in the order found. */
  readonly problems: readonly UserError[];

  constructor(problems: readonly UserError[]) {
    super(formatProblems(problems));
    this.name = 'UserErrorList';
    this.problems = problems;
  }
}

/**
 * What to throw for a list of problems: nothing for none, the problem itself for one (so a
 * single problem reads exactly as it always did), a UserErrorList for several. Nested lists
 * are flattened.
 */
export function combineUserErrors(problems: readonly UserError[]): UserError | undefined {
  const flat = problems.flatMap((p) => (p instanceof UserErrorList ? p.problems : [p]));
  if (flat.length <= 1) return flat[0];
  return new UserErrorList(flat);
}

/** `N problems:` then `1. file:line: key: message` with each fix indented under its problem. */
function formatProblems(problems: readonly UserError[]): string {
  const items = problems.map((problem, i) => {
    const marker = `${i + 1}. `;
    const indent = ' '.repeat(marker.length);
    return problem
      .format()
      .split('\n')
      .map((line, j) => (j === 0 ? marker : indent) + line)
      .join('\n');
  });
  return [`${problems.length} problems:`, ...items].join('\n');
}
