import { dirname, resolve } from 'node:path';
import { UserError } from '../errors/user-error.js';
import { didYouMean } from './did-you-mean.js';
import { mlxConfigKeys } from './mlx-config-keys.js';
import { mapMlxConfig, readMlxConfig } from './mlx-config.js';
import { lineAt, type YamlSource } from './yaml-source.js';

/** The study data with `train.from` replaced by the config's settings, and the config's problems. */
export interface ExpandedTrain {
  data: unknown;
  problems: UserError[];
}

/**
 * `train: {from: lora_config.yaml, ...overrides}`: the study's training settings read from an
 * existing mlx-lm config (relative to the study file), mapped by the same table as `init --from`,
 * with the study's own keys winning (`lora_parameters` merged key by key). Keys seedstudy sets
 * itself are problems naming the config's line, unless their value is what seedstudy does anyway
 * (`train: true`, `adapter_path`, nulls); so is a `model`/`data` that differs from the study's.
 */
export async function expandTrainFrom(source: YamlSource): Promise<ExpandedTrain> {
  const data = source.data as Record<string, unknown>;
  const train = data.train;
  if (train === null || typeof train !== 'object' || Array.isArray(train) || !('from' in train))
    return { data, problems: [] };
  const { from, ...overrides } = train as Record<string, unknown>;
  const where = { file: source.file, keyPath: 'train.from', ...lineAt(source, ['train', 'from']) };
  if (typeof from !== 'string' || from === '') {
    const fix = 'write the path of an `mlx_lm lora` YAML config, relative to the study file';
    return {
      data: { ...data, train: overrides },
      problems: [new UserError('`train.from` must be a file path', { ...where, fix })],
    };
  }
  const path = resolve(dirname(source.file), from);
  const config = await readMlxConfig(path, where);
  const mapped = mapMlxConfig(config);
  const at = (key: string) => ({ file: path, keyPath: key, ...lineAt(config, [key]) });
  const problems = [...mapped.problems];
  for (const { key, note, harmless } of mapped.handled) {
    if (!harmless)
      problems.push(
        new UserError(`\`${key}\` is set by seedstudy, not by the mlx-lm config`, {
          ...at(key),
          fix: `${note}; remove it from ${from}`,
        }),
      );
  }
  for (const key of ['model', 'data'] as const) {
    if (key in mapped.top && mapped.top[key] !== null && mapped.top[key] !== data[key]) {
      const fix =
        `the study's \`${key}:\` (relative to the study file) is used; ` +
        `remove \`${key}\` from ${from} or make them the same`;
      problems.push(new UserError(`\`${key}\` differs from the study's \`${key}:\``, { ...at(key), fix }));
    }
  }
  for (const { key } of mapped.unknown) {
    const guess = didYouMean(key, Object.keys(mlxConfigKeys));
    const fix = guess
      ? `did you mean \`${guess}\`?`
      : 'remove it: mlx-lm ignores keys it does not know, and so does seedstudy';
    problems.push(new UserError(`unknown mlx-lm key \`${key}\``, { ...at(key), fix }));
  }
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const merged: Record<string, unknown> = { ...mapped.train, ...overrides };
  const base = mapped.train.lora_parameters;
  const over = overrides.lora_parameters;
  if (isMapping(base) && isMapping(over)) merged.lora_parameters = { ...base, ...over };
  return { data: { ...data, train: merged }, problems };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
