import { createHash } from 'node:crypto';
import type { Study } from '../study/study.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The identity of a study's sequential design, locked at the first look: editing anything that
 * changes what a look decides afterwards (the design, the decision checkpoint, the claim a reproduce
 * design checks, which seeds make up a look) is p-hacking, so the runner refuses a changed hash
 * unless the user forces a redesign. Operational settings (executor, output, report options) are
 * not in it. undefined for a study without a `sequential:` block.
 */
export function sequentialDesignHash(
  study: Pick<Study, 'sequential' | 'analysis' | 'baselines' | 'seeds'>,
): string | undefined {
  const design = study.sequential;
  if (!design) return undefined;
  const maxSeeds = design.looks[design.looks.length - 1]!;
  const baseline =
    design.question === 'reproduce' ? study.baselines.find((b) => b.name === design.baseline) : undefined;
  const locked = {
    version: 1,
    design,
    decisionCheckpoint: study.analysis.checkpoint,
    passThreshold: study.analysis.pass_threshold,
    seeds: study.seeds.slice(0, maxSeeds),
    claim: baseline
      ? { claimed: baseline.claimed, tolerance: baseline.tolerance, repeats: baseline.repeats, arm: baseline.arm }
      : undefined,
  };
  return createHash('sha256').update(canonicalJson(locked)).digest('hex');
}
