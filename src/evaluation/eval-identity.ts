import type { ScorerConfig } from '../study/schema.js';
import type { Study } from '../study/study.js';
import { canonicalJson } from '../plan/canonical-json.js';
import { sha256Text } from './canonical-hash.js';
import type { EvalSuite } from './suite-schema.js';

/** Every setting that changes what a checkpoint's generations or losses are; the scorer is deliberately absent. */
export interface GenerationSettings {
  model: string;
  mode: Study['eval']['mode'];
  fuse: Study['eval']['fuse'] | null;
  command: string[] | null;
  temperature: number;
  top_p: number;
  eval_seed: number | null;
  repeats: number;
  /** Prompts generated together (greedy only); batching may change float rounding, so it is part of the identity. */
  batch_size: number;
  max_tokens: number;
  chat_template_args: Record<string, unknown>;
  system_prompt: string | null;
  prompt_timeout_s: number;
  exact_loss: boolean;
  loss: { batch_size: number; max_seq_length: number; mask_prompt: boolean; data: string } | null;
}

/** The generation settings of a study, for one run's loss settings. */
export function generationSettings(study: Study, loss: GenerationSettings['loss']): GenerationSettings {
  const e = study.eval;
  return {
    model: study.model,
    mode: e.mode,
    fuse: e.mode === 'fused' ? (e.fuse ?? { group_size: 64 }) : null,
    command: e.command ?? null,
    temperature: e.temperature,
    top_p: e.top_p,
    eval_seed: e.temperature > 0 ? (e.eval_seed ?? null) : null,
    repeats: e.repeats,
    batch_size: e.temperature > 0 ? 1 : e.batch_size,
    max_tokens: e.max_tokens,
    chat_template_args: e.chat_template_args,
    system_prompt: e.system_prompt ?? null,
    prompt_timeout_s: e.prompt_timeout_s,
    exact_loss: e.exact_loss,
    loss: e.exact_loss && !e.command ? loss : null,
  };
}

/**
 * The eval identity of one checkpoint: a hash of the suite's generation content, the generation settings,
 * the checkpoint's sha256 and the model's content identity (modelIdentity: its files' hashes, so a model
 * changed at the same path is a different model). A checkpoint whose manifest carries the same identity
 * is not evaluated again, so re-running `seedstudy eval` is cheap and changing any of these re-evaluates it.
 */
export function evalIdentity(
  suite: Pick<EvalSuite, 'generationSha256'>,
  settings: GenerationSettings,
  checkpointSha256: string | null,
  modelSha256: string,
): string {
  const identity = { v: 2, suite: suite.generationSha256, settings, checkpoint: checkpointSha256, model: modelSha256 };
  return sha256Text(canonicalJson(identity));
}

/**
 * What the stored scores depend on besides the generations: the whole suite (references, regexes,
 * expected tools) and the scorer config. A checkpoint skipped by `eval` whose manifest has another
 * fingerprint is re-scored from its stored generations. (An external scorer's program text is not
 * covered: after editing it, run `seedstudy score`.)
 */
export function scorerFingerprint(suite: Pick<EvalSuite, 'sha256'>, scorer: ScorerConfig): string {
  return sha256Text(canonicalJson({ v: 1, suite: suite.sha256, scorer }));
}
