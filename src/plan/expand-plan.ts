import type { Study } from '../study/study.js';
import { dataIdentity, modelFileHashes, modelIdentityOf } from './content-identity.js';
import { resolveRunConfig, shufflesPerSeed } from './resolve-config.js';
import { computeRunId } from './run-identity.js';
import { runLayout } from './run-layout.js';
import type { Plan, RunSpec } from './run-spec.js';

/** Options of `expandPlan`; the defaults are what every command uses. */
export interface ExpandPlanOptions {
  /** File-hash cache location (see file-hash-cache.ts); tests isolate it. */
  hashCacheFile?: string;
}

/**
 * Expands a study into its runs: arms × seeds in seed-major order (seed 0 of every arm, then
 * seed 1 ...), so a study stopped half-way has complete pairs to compare. Reads model and data
 * files to hash them; writes nothing. `mlxLmVersion` (null if unknown) goes into every runId; the
 * caller reads it from the interpreter (pipeline/plan-study.ts), so plan/ does not depend on engine/.
 */
export async function expandPlan(
  study: Study,
  mlxLmVersion: string | null,
  options: ExpandPlanOptions = {},
): Promise<Plan> {
  const [modelFiles, dataHashes] = await Promise.all([
    modelFileHashes(study.model, options.hashCacheFile),
    dataIdentity(study.data, options.hashCacheFile),
  ]);
  const modelHash = modelIdentityOf(modelFiles);
  const hf = study.hfModel;
  const runs: RunSpec[] = [];
  for (const seed of study.seeds) {
    for (const arm of study.arms) {
      const runDir = runLayout.runDir(study.outputDir, arm.name, seed);
      const config = resolveRunConfig(study, arm, seed, runDir);
      const runId = computeRunId({
        config,
        shuffleTrainPerSeed: shufflesPerSeed(study, arm),
        modelHash,
        dataHashes,
        mlxLmVersion,
      });
      runs.push({ runId, arm: arm.name, seed, runDir, config });
    }
  }
  return {
    study: {
      name: study.name,
      file: study.file,
      outputDir: study.outputDir,
      arms: study.arms.map((a) => a.name),
      seeds: [...study.seeds],
    },
    model: {
      path: study.model,
      hf: hf?.commit ? { repo: hf.repo, revision: hf.revision, commit: hf.commit } : null,
      sha256: modelHash,
      files: modelFiles,
    },
    runs,
  };
}
