import { dirname } from 'node:path';
import { resolvePython } from '../../engine/python.js';
import type { KeyPath } from '../yaml-source.js';
import { programProblem, type ProgramProblem } from './program-check.js';
import type { RuleViolation, StudyRule } from './rule.js';

/**
 * `engine.python`, `eval.command` and an external scorer's `command` are started only after
 * training: a missing or non-executable program must fail at validate, resolved as at run time
 * (engine.python relative to the study file; the commands run in the study file's directory).
 */
export const programsExist: StudyRule = async ({ study }) => {
  const dir = dirname(study.file);
  const lookUpPath = study.executor.kind !== 'slurm';
  const violations: RuleViolation[] = [];
  const check = async (program: string, shown: string, path: KeyPath, role: string) => {
    if (/\{[a-z_]+\}/.test(program)) return; // a placeholder is filled in per checkpoint
    const problem = await programProblem(program, dir, { lookUpPath });
    if (problem) violations.push({ path, message: `${role} ${shown}: ${problem}`, fix: fixFor(problem, program) });
  };
  if (study.engine.python) {
    const resolved = resolvePython(study).path;
    const shown = resolved === study.engine.python ? `"${resolved}"` : `"${study.engine.python}" (${resolved})`;
    await check(resolved, shown, ['engine', 'python'], 'Python interpreter');
  }
  if (study.eval.command) {
    await check(study.eval.command[0]!, `"${study.eval.command[0]}"`, ['eval', 'command', 0], 'eval.command program');
  } else if (study.eval.scorer.kind === 'external') {
    const program = study.eval.scorer.command[0]!;
    await check(program, `"${program}"`, ['eval', 'scorer', 'command', 0], 'external scorer program');
  }
  return violations;
};

function fixFor(problem: ProgramProblem, program: string): string {
  switch (problem) {
    case 'not found on PATH':
      return `install ${program} or give its path (relative paths are resolved against the study file's directory)`;
    case 'not found':
    case 'not a file':
      return "give the path of an existing program (relative paths are resolved against the study file's directory)";
    case 'not executable':
      return `make it executable (chmod +x ${program}) or start it through its interpreter`;
  }
}
