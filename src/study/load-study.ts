import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { combineUserErrors } from '../errors/user-error-list.js';
import { UserError } from '../errors/user-error.js';
import { mergeTrain } from './merge-train.js';
import { resolveModelRef } from './resolve-model-ref.js';
import { resolveSeeds } from './resolve-seeds.js';
import { checkStudyRules } from './rules/check-rules.js';
import { armViews } from './rules/rule.js';
import { studySchema } from './schema.js';
import type { Study } from './study.js';
import { parseYamlSource } from './yaml-source.js';
import { expandTrainFrom } from './train-from.js';
import { zodIssuesToUserErrors } from './zod-issue-error.js';

/** Options of `loadStudy`. */
export interface LoadStudyOptions {
  /** `--output DIR` (relative to `cwd`): beats the study's `output` and the default. */
  output?: string;
  /** Base of the default output dir `runs/<name>/` and of `--output`; default process.cwd(). */
  cwd?: string;
  /** Seed set directory; default `<repo>/seeds`. Tests point it elsewhere. */
  seedDir?: string;
  /**
   * Check the model and data directories on disk (default true). False when analysing results
   * trained elsewhere, where they need not exist; every other rule (eval suite included) still runs.
   */
  requireModelAndData?: boolean;
  /** Environment for the Hugging Face cache location (HF_HUB_CACHE, HF_HOME ...); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** A resolved study and every cross-field problem found in it (none when it is valid). */
export interface StudyCheck {
  study: Study;
  problems: UserError[];
}

/**
 * Reads, validates and resolves a study file: the single entry point from a user's YAML
 * to a `Study`. Throws a UserError (exit 2) naming file, key path, line and fix; when several
 * cross-field rules fail, one UserErrorList naming each. It reads files but never writes any.
 */
export async function loadStudy(file: string, options: LoadStudyOptions = {}): Promise<Study> {
  const { study, problems } = await checkStudy(file, options);
  const error = combineUserErrors(problems);
  if (error) throw error;
  return study;
}

/**
 * `loadStudy` without the final throw, for callers that add problems of their own (`validate`
 * appends the eval suite's). A file that can't be read or parsed, or that fails the schema,
 * still throws at once: the cross-field rules need a parsed study.
 */
export async function checkStudy(file: string, options: LoadStudyOptions = {}): Promise<StudyCheck> {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, file);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === 'ENOENT' ? 'study file not found' : `cannot read the study file (${error.code ?? error.message})`,
      {
        file: path,
        fix: 'check the path; it is resolved against the current directory',
      },
    );
  });
  const parsedSource = parseYamlSource(path, text);
  const top = parsedSource.data;
  if (top === null || typeof top !== 'object' || Array.isArray(top)) {
    const what =
      top == null ? 'the study file is empty' : 'the study file must be a mapping of keys (name:, model:, data: ...)';
    throw new UserError(what, {
      file: path,
      fix: 'start from studies/demo.yaml, or run `seedstudy schema` for the full list of keys',
    });
  }
  // `train: {from: lora_config.yaml}` is expanded first, so the schema checks the settings it brings.
  const expanded = await expandTrainFrom(parsedSource);
  const source = { ...parsedSource, data: expanded.data };
  const parsed = studySchema.safeParse(source.data);
  if (!parsed.success) {
    const schemaProblems = zodIssuesToUserErrors(parsed.error.issues, source, studySchema);
    throw combineUserErrors([...expanded.problems, ...schemaProblems])!;
  }
  const raw = parsed.data;
  const base = dirname(path);
  const model = await resolveModelRef(raw.model, base, options.env);
  const study: Study = {
    ...raw,
    arms: raw.arms.length > 0 ? raw.arms : [{ name: 'base' }],
    file: path,
    model: model.path,
    ...(model.hf && { hfModel: model.hf }),
    data: resolvePath(base, raw.data),
    seeds: await resolveSeeds(raw.seeds, source, options.seedDir),
    outputDir:
      options.output !== undefined
        ? resolvePath(cwd, options.output)
        : raw.output !== undefined
          ? resolvePath(base, raw.output)
          : join(cwd, 'runs', raw.name),
    suitePath: raw.eval.suite !== undefined ? resolvePath(base, raw.eval.suite) : undefined,
    fileSha256: createHash('sha256').update(text).digest('hex'),
  };
  const context = { study, source, arms: armViews(study, source, (arm) => mergeTrain(study.train, arm.train)) };
  const rules = await checkStudyRules(context, { requireModelAndData: options.requireModelAndData ?? true });
  const problems = [...expanded.problems, ...rules];
  return { study, problems };
}

/**
 * A path from the study file: `~/` means the home directory (YAML has no shell to expand it), else relative to `base`.
 */
function resolvePath(base: string, path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : resolve(base, path);
}
