import { readInstalledVersion } from '../engine/installed-version.js';
import { resolvePython } from '../engine/python.js';
import { expandPlan } from '../plan/expand-plan.js';
import type { Plan } from '../plan/run-spec.js';
import type { Study } from '../study/study.js';
import { planPrefixCaches } from './prefix-cache-plan.js';

/** Options of `planStudy`; the defaults are what every command uses. */
export interface PlanStudyOptions {
  /** File-hash cache location (see plan/file-hash-cache.ts); tests isolate it. */
  hashCacheFile?: string;
}

/**
 * The study's plan with the mlx-lm version installed next to the study's interpreter in every
 * runId (null if unknown): plan/ stays free of engine/, so the version is read here and passed in.
 */
export async function planStudy(study: Study, options: PlanStudyOptions = {}): Promise<Plan> {
  const mlxLmVersion = await readInstalledVersion(resolvePython(study).path, 'mlx_lm');
  const plan = await expandPlan(study, mlxLmVersion, options);
  const prefixCaches = await planPrefixCaches(study, plan.runs);
  return prefixCaches.length > 0 ? { ...plan, prefixCaches } : plan;
}
