import { hashFiles } from '../plan/file-hash-cache.js';
import type { CheckpointRecord } from '../results/run-record.js';
import { evalFiles, type EvalManifest } from './eval-manifest.js';
import type { IntegrityHeal, IntegrityProblem } from './integrity-problem.js';
import { recordFileState } from './record-digest.js';

/**
 * Checks a checkpoint's generations.jsonl and scores.jsonl against its manifest: same record count
 * and sha256 as written, every line JSON. Manifests written before the hashes existed are checked
 * on counts (both files hold `generations` records) and JSON only. Bad generations (or, for
 * eval.command, bad scores: there is nothing to re-score from) need a re-evaluation; bad scores a re-score.
 * `heals` are what the calling command does about them (eval: both; score: re-score; readers: none).
 */
export async function checkEvalRecords(
  dir: string,
  manifest: EvalManifest,
  run: string,
  heals: readonly IntegrityHeal[],
): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  for (const kind of ['generations', 'scores'] as const) {
    const file = evalFiles[kind](dir);
    const actual = await recordFileState(file);
    const legacyCount = kind === 'scores' && manifest.mode === 'command' ? null : manifest.generations;
    const expected = manifest.records?.[kind] ?? { count: legacyCount, sha256: null };
    const bad =
      actual.badLine !== null ||
      (expected.count !== null && actual.count !== expected.count) ||
      (expected.sha256 !== null && actual.sha256 !== expected.sha256);
    if (!bad) continue;
    const heal = kind === 'scores' && manifest.mode !== 'command' ? 'rescore' : 'reevaluate';
    const healing = heals.includes(heal);
    problems.push({ kind: 'records', run, step: manifest.step, file, expected, actual, heal, healing });
  }
  return problems;
}

/**
 * Re-hashes a checkpoint file against the sha256 recorded after training (cached by size and
 * mtime for big files); a problem when it is missing or its bytes changed. Pruned checkpoints pass.
 */
export async function checkCheckpointFile(
  c: Pick<CheckpointRecord, 'file' | 'sha256' | 'step' | 'pruned'>,
  run: string,
): Promise<IntegrityProblem | undefined> {
  if (c.pruned) return undefined;
  const actual = await hashFiles([c.file]).then(
    (h) => h[0]!,
    () => null,
  );
  if (actual === c.sha256) return undefined;
  const { step, file, sha256: recorded } = c;
  return { kind: 'checkpoint', run, step, file, recorded, actual, heal: 'retrain', healing: false };
}
