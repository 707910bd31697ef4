import { join, resolve } from 'node:path';
import { execa } from 'execa';
import type { TestContext } from 'vitest';
import { ensureFreshDist as ensureFreshDistBuild } from '../helpers/fresh-dist.js';
import { missingToolText, requireTool } from '../helpers/require-tool.js';

/** Repository root (vitest runs from it). */
export const repo = resolve('.');
// acquire/release wrap slurm-local.sh / slurm-local-stop.sh with a user count, so two test runs (or
// a test and a bench) sharing the machine never stop the cluster under each other.
const START = join(repo, 'scripts', 'slurm', 'slurm-local-acquire.sh');
const STOP = join(repo, 'scripts', 'slurm', 'slurm-local-release.sh');

/**
 * Starts the one-node Slurm with the project's own script. Returns why it could not (to report
 * the test as skipped, or fail it in CI), undefined when the cluster is up.
 */
export async function startLocalSlurm(cpus = 8): Promise<string | undefined> {
  if (process.platform !== 'linux') return `a local Slurm needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0)
    return 'a local Slurm needs root (slurmd runs as root; the start script installs packages)';
  const r = await execa('bash', [START, String(process.pid)], {
    env: { SLURM_CPUS: String(cpus) },
    reject: false,
    all: true,
    timeout: 600_000,
  });
  if (r.exitCode !== 0)
    return `scripts/slurm/slurm-local.sh failed (exit ${r.exitCode}):\n${String(r.all).split('\n').slice(-15).join('\n')}`;
  return undefined;
}

/** Releases the cluster; the last live user stops it (cancelling leftover jobs first). */
export async function stopLocalSlurm(): Promise<void> {
  await execa('bash', [STOP, String(process.pid)], { reject: false, timeout: 120_000 });
}

/** Tasks run `node bin/seedstudy.js task`, i.e. the compiled CLI: rebuild dist/ when src/ is newer. */
export async function ensureFreshDist(): Promise<void> {
  await ensureFreshDistBuild(join('cli', 'commands', 'task.js'));
}

/** Polls `probe` until it returns true (or throws after timeoutMs). */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Runs a cluster test, or skips it saying why there is no cluster (`skipReason` from startLocalSlurm);
 * under CI=true a missing cluster fails instead (require-tool.ts).
 */
export function requireCluster(ctx: TestContext, skipReason: string | undefined, what: string): void {
  const slurm = {
    name: 'a local one-node Slurm',
    available: skipReason === undefined,
    reason: skipReason,
    install: 'scripts/slurm/slurm-local.sh, as root on Debian (it installs munge slurmctld slurmd slurm-client)',
  };
  if (requireTool(slurm)) return;
  console.warn(`SKIPPED (${what}): ${missingToolText(slurm)}`);
  ctx.skip(missingToolText(slurm));
}
