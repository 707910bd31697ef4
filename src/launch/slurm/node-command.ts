import { join } from 'node:path';
import { repoRoot } from '../../study/repo-root.js';

/**
 * The argv prefix that runs seedstudy on a node: `executor.node_command` when the user gives one
 * (a different install path on the nodes, a container, a module load wrapper), else this very
 * node binary and this installation's bin/seedstudy.js, both absolute, which is right whenever
 * the installation sits on the filesystem the nodes share.
 */
export function nodeCommand(executor: { node_command?: string[] | undefined }): string[] {
  if (executor.node_command && executor.node_command.length > 0) return [...executor.node_command];
  return [process.execPath, join(repoRoot, 'bin', 'seedstudy.js')];
}
