import { spawnSync } from 'node:child_process';
import type { Tool } from './require-tool.js';

/**
 * R with the rpact package, the reference software for group-sequential designs (Debian
 * `r-base-core r-cran-rpact`, installed by .ci/run). Probed once by loading the package.
 */
function probe(): { available: boolean; reason?: string } {
  const r = spawnSync(
    'Rscript',
    ['-e', 'suppressMessages(library(rpact)); cat(as.character(packageVersion("rpact")))'],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (r.error) return { available: false, reason: 'Rscript not found' };
  if (r.status !== 0) return { available: false, reason: 'the R package rpact does not load' };
  return { available: true };
}

const probed = probe();

/** The R + rpact tool for require-tool.ts. */
export const rRpact: Tool = {
  name: 'R with rpact',
  available: probed.available,
  install: 'apt-get install r-base-core r-cran-rpact',
  ...(probed.reason ? { reason: probed.reason } : {}),
};
