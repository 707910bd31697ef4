import { basename, extname, resolve } from 'node:path';
import { Document, isScalar, stringify, visit } from 'yaml';
import { combineUserErrors } from '../errors/user-error-list.js';
import { mapMlxConfig, readMlxConfig } from './mlx-config.js';

/** Options of `seedstudy init`. */
export interface InitOptions {
  /** The `mlx_lm lora --config` file, relative to `cwd`. */
  from: string;
  /** How many seeds (default 8), starting at the config's `seed`. */
  seeds?: number;
  /** Eval suite path to write into `eval.suite` (as given). */
  suite?: string;
  cwd?: string;
}

/**
 * `seedstudy init --from lora_config.yaml`: the text of a commented study that trains exactly
 * what the mlx-lm config trains, once per seed. Every key is accounted for: training settings
 * under `train:`, `model`/`data` at the top, keys seedstudy handles itself and unknown keys
 * named in comments. Throws the config's schema problems (all of them) instead of writing a
 * study that would not validate. Reads one file, writes nothing.
 */
export async function initStudyText(options: InitOptions): Promise<string> {
  const file = resolve(options.cwd ?? process.cwd(), options.from);
  const mapped = mapMlxConfig(await readMlxConfig(file));
  const error = combineUserErrors(mapped.problems);
  if (error) throw error;
  const from = basename(file);
  const count = options.seeds ?? 8;
  const seed = mapped.handled.find((h) => h.key === 'seed')?.value;
  const start = Number.isInteger(seed) && (seed as number) >= 0 ? (seed as number) : 0;
  const out: string[] = [
    `# seedstudy study made by \`seedstudy init --from ${options.from}\`: the same training, once per seed.`,
    '# Check it with `seedstudy validate <this file>`; `seedstudy schema` lists every key.',
    `name: ${studyName(file)}`,
    `# model and data as written in ${from}; in a study they are relative to the study file.`,
    ...['model', 'data'].map((key) => topLine(key, mapped.top[key as 'model' | 'data'], from)),
    typeof seed === 'number'
      ? `# ${from} had seed: ${seed}; each run's seed comes from \`seeds:\`, starting there.`
      : '# Each run gets one seed; arms share them, so runs are paired by seed.',
    `seeds: {count: ${count}, start: ${start}}`,
    `# Every mlx-lm training setting of ${from}; arms (\`arms: [{name, train: {...}}]\`) override them.`,
  ];
  // mlx-lm ignores learning_rate under a schedule, and the study rules refuse the pair: keep the schedule.
  const ignoredRate = mapped.train.lr_schedule !== undefined ? mapped.train.learning_rate : undefined;
  if (ignoredRate !== undefined) {
    delete mapped.train.learning_rate;
    out.push(`# Left out: learning_rate: ${inline(ignoredRate)} (mlx-lm ignores it when lr_schedule is set).`);
  }
  if (mapped.defaulted.length > 0)
    out.push(`# Left out (null there, so mlx-lm's default applies): ${mapped.defaulted.join(', ')}.`);
  out.push(Object.keys(mapped.train).length > 0 ? trainYaml(mapped.train) : 'train: {}');
  out.push('eval:');
  out.push(
    options.suite !== undefined
      ? `  suite: ${quoted(options.suite)}`
      : '  suite: suite.yaml  # the prompts every checkpoint is evaluated on (docs/evaluation.md)',
  );
  const handled = mapped.handled.filter((h) => h.key !== 'seed');
  if (handled.length > 0) {
    out.push('', `# Not copied from ${from}: seedstudy handles these itself.`);
    for (const h of handled) out.push(`#   ${h.key}: ${inline(h.value)}`, `#     → ${h.note}`);
  }
  if (mapped.unknown.length > 0) {
    out.push('', `# Not mlx-lm settings (mlx-lm ignores them), left out of the study:`);
    for (const u of mapped.unknown) out.push(`#   ${u.key}: ${inline(u.value)}`);
  }
  return out.join('\n') + '\n';
}

/** `train:` as block YAML, lists of scalars on one line (`keys: [self_attn.q_proj, ...]`) as people write them. */
function trainYaml(train: Record<string, unknown>): string {
  const doc = new Document({ train });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** A valid study name from the config's file name (`lora_config.yaml` → `lora_config`). */
function studyName(file: string): string {
  const stem = basename(file, extname(file))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return stem === '' ? 'study' : stem;
}

function topLine(key: string, value: unknown, from: string): string {
  if (typeof value === 'string' && value !== '') return `${key}: ${quoted(value)}`;
  const what =
    key === 'model' ? 'a local mlx model directory' : 'a directory with train.jsonl, valid.jsonl and test.jsonl';
  return `${key}: ${key === 'model' ? 'path/to/mlx-model' : 'path/to/data'}  # not in ${from}: set it to ${what}`;
}

/** A YAML scalar, quoted only when needed. */
function quoted(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A value on one line of a comment. */
function inline(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}
