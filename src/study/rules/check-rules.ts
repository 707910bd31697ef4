import { UserError } from '../../errors/user-error.js';
import { formatKeyPath } from '../key-path.js';
import { lineAt } from '../yaml-source.js';
import { modelAndDataRules, studyRules } from './index.js';
import type { RuleContext, RuleViolation } from './rule.js';

/** Options of `checkStudyRules`. */
export interface CheckRulesOptions {
  /** Run the rules that read the model and data directories (`modelAndDataRules`); default true. */
  requireModelAndData?: boolean;
}

/**
 * Runs every cross-field rule (not just up to the first failure) and returns each violation
 * as a UserError pointing at its line, in rule order, so the user can fix them all in one go.
 * A rule reports one violation per independent problem, so a missing directory is one problem, not several.
 */
export async function checkStudyRules(context: RuleContext, options: CheckRulesOptions = {}): Promise<UserError[]> {
  const requireModelAndData = options.requireModelAndData ?? true;
  const problems: UserError[] = [];
  for (const rule of studyRules) {
    if (!requireModelAndData && modelAndDataRules.has(rule)) continue;
    const found = await rule(context);
    const violations = found === undefined ? [] : [found].flat();
    for (const violation of violations) problems.push(violationError(context, violation));
  }
  return problems;
}

function violationError({ study, source }: RuleContext, violation: RuleViolation): UserError {
  if (violation.at) return new UserError(violation.message, { ...violation.at, fix: violation.fix });
  return new UserError(violation.message, {
    file: study.file,
    keyPath: formatKeyPath(violation.path),
    ...lineAt(source, violation.path),
    fix: violation.fix,
  });
}
