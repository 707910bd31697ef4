import type { RecordFileState } from './record-digest.js';

/** What heals a problem: re-score from stored generations, evaluate the checkpoint again, or retrain the run. */
export type IntegrityHeal = 'rescore' | 'reevaluate' | 'retrain';

/**
 * A stored result that no longer is what was written: a record file torn, corrupted or edited since
 * its manifest was written, or a checkpoint file whose bytes are not the ones recorded after training.
 * `healing` says whether the command that found it heals it now (eval, score) or only reports it.
 */
export type IntegrityProblem =
  | {
      kind: 'records';
      run: string;
      step: number;
      file: string;
      expected: { count: number | null; sha256: string | null };
      actual: RecordFileState;
      heal: IntegrityHeal;
      healing: boolean;
    }
  | {
      kind: 'checkpoint';
      run: string;
      step: number;
      file: string;
      recorded: string;
      actual: string | null;
      heal: 'retrain';
      healing: false;
    };

const short = (sha: string) => `${sha.slice(0, 12)}…`;

/** What differs, in words: the one place these problems are phrased (the CLI prints it, errors embed it). */
export function describeIntegrityProblem(p: IntegrityProblem): string {
  const where = `${p.run} step ${p.step}`;
  if (p.kind === 'checkpoint') {
    const hashes = p.actual === null ? '' : `sha256 ${short(p.recorded)} → ${short(p.actual)}`;
    const what = p.actual === null ? 'is missing' : `changed since it was trained (${hashes})`;
    const remedy = 'run `seedstudy train` to retrain this run, then `seedstudy eval`';
    return `${where}: checkpoint ${p.file} ${what}; ${remedy}`;
  }
  const diffs: string[] = [];
  if (p.actual.missing) diffs.push('the file is missing');
  if (p.actual.badLine !== null) diffs.push(`line ${p.actual.badLine} is not valid JSON (torn or corrupt)`);
  if (p.expected.count !== null && p.actual.count !== p.expected.count) {
    diffs.push(`${p.actual.count} records where the manifest records ${p.expected.count}`);
  }
  if (p.expected.sha256 !== null && p.actual.sha256 !== p.expected.sha256) {
    diffs.push(`sha256 ${short(p.actual.sha256)} differs from the manifest's ${short(p.expected.sha256)}`);
  }
  const remedy =
    p.heal === 'rescore'
      ? p.healing
        ? 're-scoring it from generations.jsonl'
        : 'run `seedstudy score` or `seedstudy eval` to re-score it'
      : p.healing
        ? 're-evaluating this checkpoint'
        : 'run `seedstudy eval` to re-evaluate this checkpoint';
  return `${where}: ${p.file} does not match its manifest: ${diffs.join('; ')}; ${remedy}`;
}
