import { readFile } from 'node:fs/promises';
import { UserError } from '../errors/user-error.js';
import { mlxKeyPlace } from './mlx-config-keys.js';
import { trainSettingsSchema } from './schema.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { zodIssuesToUserErrors } from './zod-issue-error.js';

/** A key of the mlx-lm config seedstudy sets or does itself, with where that lives in a study. */
export interface HandledKey {
  key: string;
  value: unknown;
  note: string;
  /** True when its value is what seedstudy does anyway (so `train: {from:}` may keep it). */
  harmless: boolean;
}

/** An mlx-lm config split by the mapping table (src/study/mlx-config-keys.ts). */
export interface MappedMlxConfig {
  /** The settings that go under `train:`, each schema-valid (the invalid ones are in `problems`). */
  train: Record<string, unknown>;
  /** `model` and `data`, as written in the config. */
  top: { model?: unknown; data?: unknown };
  /** Training keys written as null: mlx-lm's default applies, so they are left out. */
  defaulted: string[];
  handled: HandledKey[];
  /** Keys mlx-lm does not know, with their values. */
  unknown: { key: string; value: unknown }[];
  /** Schema problems of the training settings, naming the config file's lines. */
  problems: UserError[];
}

/** Reads an `mlx_lm lora` YAML config (a mapping), keeping its lines for error messages. */
export async function readMlxConfig(
  path: string,
  referredFrom?: { file: string; line?: number; keyPath: string },
): Promise<YamlSource> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const what =
      error.code === 'ENOENT'
        ? `mlx-lm config not found: ${path}`
        : `cannot read the mlx-lm config ${path} (${error.code ?? error.message})`;
    throw new UserError(what, {
      ...(referredFrom ?? { file: path }),
      fix: referredFrom
        ? 'check the path; it is relative to the study file'
        : 'check the path; it is relative to the current directory',
    });
  });
  const source = parseYamlSource(path, text);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new UserError('an mlx-lm config must be a mapping of keys (model:, data:, iters: ...)', {
      file: path,
      fix: 'point at the YAML file you pass to `mlx_lm lora --config`',
    });
  }
  return source;
}

/** Splits a config into train settings, model/data, keys seedstudy handles and unknown keys. */
export function mapMlxConfig(source: YamlSource): MappedMlxConfig {
  const mapped: MappedMlxConfig = { train: {}, top: {}, defaulted: [], handled: [], unknown: [], problems: [] };
  for (const [key, value] of Object.entries(source.data as Record<string, unknown>)) {
    const place = mlxKeyPlace(key);
    if (!place) mapped.unknown.push({ key, value });
    else if (place.kind === 'top') mapped.top[key as 'model' | 'data'] = value;
    else if (place.kind === 'handled')
      mapped.handled.push({ key, value, note: place.note, harmless: place.harmless(value) });
    else if (value === null) mapped.defaulted.push(key);
    else mapped.train[key] = value;
  }
  const parsed = trainSettingsSchema.safeParse(mapped.train);
  if (!parsed.success) {
    mapped.problems = zodIssuesToUserErrors(
      parsed.error.issues,
      { ...source, data: mapped.train },
      trainSettingsSchema,
    );
    for (const issue of parsed.error.issues) delete mapped.train[String(issue.path[0])];
  }
  return mapped;
}
