import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readBasePointer } from '../evaluation/base-eval.js';
import { readEvalManifest, type EvalManifest } from '../evaluation/eval-manifest.js';
import { runLayout } from '../plan/run-layout.js';

/** One complete evaluation that belongs to a run: its own checkpoint's, or the shared base model's. */
export interface RunEvaluation {
  step: number;
  dir: string;
  manifest: EvalManifest;
  /** True for the base model's shared evaluation (its records name no arm or seed: the run's apply). */
  shared: boolean;
}

/**
 * Every complete evaluation of a run, by step: the run's own `eval/step-*` directories whose manifest
 * names this run, and step 0 from the shared base evaluation the run points at (when its manifest has
 * the identity the pointer recorded), which stands in for a step 0 the run evaluated itself in older versions.
 * Every reader of a run's results (observations, status, verify, score, report) goes through this.
 */
export async function runEvaluations(runDir: string, runId: string): Promise<RunEvaluation[]> {
  const evalDir = runLayout.evalDir(runDir);
  const names = (await readdir(evalDir).catch(() => [] as string[])).filter((n) => /^step-\d{7}$/.test(n)).sort();
  const out: RunEvaluation[] = [];
  const base = await readBasePointer(runDir);
  const shared = base ? await readEvalManifest(base.dir) : undefined;
  if (base && shared?.identity === base.identity) out.push({ step: 0, dir: base.dir, manifest: shared, shared: true });
  for (const name of names) {
    const dir = join(evalDir, name);
    const manifest = await readEvalManifest(dir);
    if (manifest?.runId !== runId || (manifest.step === 0 && out.length > 0 && out[0]!.shared)) continue;
    out.push({ step: manifest.step, dir, manifest, shared: false });
  }
  return out.sort((a, b) => a.step - b.step);
}
