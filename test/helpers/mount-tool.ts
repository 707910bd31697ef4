import { execFileSync } from 'node:child_process';
import type { Tool } from './require-tool.js';

/**
 * Mounting a tmpfs (to fill a disk or make a directory read-only) needs root or CAP_SYS_ADMIN. The
 * fault-injection tests (`*.faults.test.ts`) need it; CI runs as root. Probed once per test file.
 */
function mountProblem(): string | undefined {
  try {
    const probe = 'd=$(mktemp -d) && mount -t tmpfs -o size=4k tmpfs "$d" && umount "$d" && rmdir "$d"';
    execFileSync('sh', ['-c', probe], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here: ${String((error as Error).message).split('\n')[0]}`;
  }
}

const problem = mountProblem();

/** The tmpfs mount the fault-injection tests use, as a Tool for requireTool/describeWithTool. */
export const tmpfsMount: Tool = {
  name: 'tmpfs mount (root)',
  available: problem === undefined,
  install: 'run the tests as root (mount needs CAP_SYS_ADMIN)',
  ...(problem ? { reason: problem } : {}),
};
