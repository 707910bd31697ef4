import { UserError } from '../errors/user-error.js';
import type { ImportedData } from './import-observations.js';
import { fileDefaults, type ImportOptions } from './import-options.js';

/**
 * Imports inspect_ai eval logs in their JSON format (`inspect eval --log-format json`, or
 * `inspect log convert --to json` for a `.eval` file). The format followed is inspect_ai
 * 0.3's `EvalLog`: `version`, `status`, `eval` (task, model, dataset, config), and `samples`,
 * each with `id`, `epoch`, `output` (`completion` and `choices`) and `scores`, a map from scorer
 * name to `{value, answer, explanation}`. A value is turned into a number exactly as inspect's
 * `value_to_float` does: "C" 1, "I" 0, "P" 0.5, "N" 0, yes/true 1, no/false 0, a number as is.
 *
 * The prompt id is the sample `id`, the repeat its `epoch` − 1, the category the sample's
 * `metadata.category` or else the task name; arm, seed and checkpoint come from
 * `--defaults`/`--seed-pattern`, the arm otherwise from `eval.model`.
 *
 * The binary `.eval` format (a ZIP of JSON documents) is not read: no maintained Node reader
 * for it exists, and `inspect log convert` turns it into this JSON losslessly.
 */
export function parseInspectLog(file: string, content: string, options: ImportOptions): ImportedData {
  let log: unknown;
  try {
    log = JSON.parse(content);
  } catch (e) {
    fail(file, `not valid JSON: ${(e as Error).message}`, 'give an inspect_ai log written with --log-format json');
  }
  const j = log as Record<string, unknown>;
  const spec = j.eval as Record<string, unknown> | undefined;
  if (typeof spec !== 'object' || spec === null || typeof spec.task !== 'string') {
    fail(file, 'not an inspect_ai eval log (no eval.task)', 'give an inspect_ai log written with --log-format json');
  }
  if (j.status !== 'success') {
    fail(
      file,
      `the eval's status is ${JSON.stringify(j.status)}, not "success"`,
      'import finished evals only (re-run it with `inspect eval-retry`)',
      'status',
    );
  }
  if (!Array.isArray(j.samples) || j.samples.length === 0) {
    fail(
      file,
      'the log has no samples',
      'write the log with its samples (the default; not --no-log-samples)',
      'samples',
    );
  }
  const samples = j.samples as Record<string, unknown>[];
  const scorers = [...new Set(samples.flatMap((s) => Object.keys((s.scores as object | undefined) ?? {})))];
  const scorer = chooseScorer(file, scorers, options.metric);
  const constants = fileDefaults(file, options);
  const arm = constants.get('arm') ?? (typeof spec.model === 'string' ? spec.model : undefined);
  if (arm === undefined) fail(file, 'no arm: the log names no model', 'name the arm with --defaults arm=NAME');
  const seedText = constants.get('seed');
  if (seedText === undefined)
    fail(
      file,
      'no seed: the log does not say which training seed it evaluated',
      'give it with --seed-pattern (from the file name) or --defaults seed=N',
    );
  const seed = Number(seedText);
  const checkpoint = Number(constants.get('checkpoint') ?? 0);
  const out: ImportedData = { observations: [], categoryLevel: [], warnings: [], historyChecks: [], outputs: [] };
  if (!constants.has('checkpoint'))
    out.warnings.push(
      `${file}: no checkpoint given: its scores are taken as one checkpoint, step 0 (give --defaults checkpoint=STEP)`,
    );
  const seen = new Set<string>();
  samples.forEach((s, i) => {
    const where = `samples[${i}]`;
    if (typeof s.id !== 'string' && typeof s.id !== 'number')
      fail(file, 'a sample has no id', 'give the log inspect_ai wrote', `${where}.id`);
    const promptId = String(s.id);
    const epoch = typeof s.epoch === 'number' && Number.isInteger(s.epoch) && s.epoch >= 1 ? s.epoch : 1;
    const key = `${promptId}\u0000${epoch}`;
    if (seen.has(key))
      fail(
        file,
        `sample ${promptId} epoch ${epoch} appears twice`,
        'give each sample once per epoch (one eval log per run)',
        where,
      );
    seen.add(key);
    const score = (s.scores as Record<string, { value?: unknown; explanation?: unknown }> | undefined)?.[scorer];
    if (score === undefined)
      fail(
        file,
        `sample ${promptId} has no ${scorer} score`,
        'import logs whose every sample was scored',
        `${where}.scores`,
      );
    const value = valueToFloat(score.value);
    if (value === undefined || !(value >= 0 && value <= 1)) {
      fail(
        file,
        `sample ${promptId}: ${scorer} = ${JSON.stringify(score.value)} is not a score in [0, 1]`,
        `choose a scorer whose values are C/I/P/N or 0 to 1 with --metric (this log has: ${scorers.join(', ')})`,
        `${where}.scores.${scorer}.value`,
      );
    }
    const metadata = s.metadata as Record<string, unknown> | undefined;
    const category =
      constants.get('category') ?? (typeof metadata?.category === 'string' ? metadata.category : (spec.task as string));
    out.observations.push({ arm, seed, checkpoint, promptId, category, score: value, repeat: epoch - 1 });
    if (epoch === 1) {
      const output = s.output as { completion?: unknown } | undefined;
      const explanation = typeof score.explanation === 'string' ? `: ${score.explanation}` : '';
      out.outputs!.push({
        arm,
        seed,
        checkpoint,
        promptId,
        output: typeof output?.completion === 'string' ? output.completion : null,
        reason: `inspect ${scorer} = ${JSON.stringify(score.value)}${explanation}`,
      });
    }
  });
  return out;
}

/** True when a parsed JSON document looks like an inspect_ai log (used to tell it from other JSON). */
export function isInspectLog(json: unknown): boolean {
  const j = json as Record<string, unknown> | null;
  return typeof j === 'object' && j !== null && typeof j.eval === 'object' && j.eval !== null && 'version' in j;
}

/** inspect_ai's `value_to_float` for the scalar values a score can hold. */
export function valueToFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (v === 'C') return 1;
  if (v === 'I' || v === 'N') return 0;
  if (v === 'P') return 0.5;
  if (['yes', 'true'].includes(v.toLowerCase())) return 1;
  if (['no', 'false'].includes(v.toLowerCase())) return 0;
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? n : undefined;
}

function chooseScorer(file: string, scorers: readonly string[], chosen: string | undefined): string {
  if (chosen !== undefined) {
    if (!scorers.includes(chosen))
      fail(file, `the log has no scorer "${chosen}"`, `use --metric with one of: ${scorers.join(', ')}`);
    return chosen;
  }
  if (scorers.length !== 1)
    fail(file, `the log has ${scorers.length} scorers (${scorers.join(', ')})`, 'choose the score with --metric NAME');
  return scorers[0]!;
}

function fail(file: string, message: string, fix: string, keyPath?: string): never {
  throw new UserError(message, { file, ...(keyPath ? { keyPath } : {}), fix });
}
