import { describe } from 'vitest';

/**
 * The one rule for tests that need a tool the machine may lack (the project venv, Chromium, Slurm):
 * when the tool is there the test runs; when it is missing the test is skipped with the reason in its
 * name, except under CI=true, where a missing tool is a failure, so CI can never pass by skipping.
 */

/** A tool some tests need: its name, whether this machine has it, and how to get it. */
export interface Tool {
  name: string;
  available: boolean;
  /** How to install it, e.g. "bash scripts/setup-venv.sh". */
  install: string;
  /** Why it is missing, when something more specific than "not found" is known. */
  reason?: string;
}

/** What a missing tool's skip (or CI failure) says: the tool, why it is missing and how to get it. */
export function missingToolText(tool: Tool): string {
  return `${tool.name} is missing (${tool.reason ?? 'not found'}); install it with: ${tool.install}`;
}

/**
 * Whether tests that need `tool` should run: true when it is available, false (skip) when it is not,
 * and under CI=true a thrown error instead of false, because CI must run every tier.
 */
export function requireTool(tool: Tool, env: NodeJS.ProcessEnv = process.env): boolean {
  if (tool.available) return true;
  if (env.CI === 'true') throw new Error(`CI=true: ${missingToolText(tool)}`);
  return false;
}

/** `describe` for a suite that needs `tool`: skipped with the reason in its title when the tool is missing. */
export function describeWithTool(tool: Tool, title: string, body: () => void): void {
  const run = requireTool(tool);
  describe.runIf(run)(run ? title : `${title} (SKIPPED: ${missingToolText(tool)})`, body);
}
