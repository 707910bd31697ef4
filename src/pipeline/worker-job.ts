import type { GenerationSettings } from '../evaluation/eval-identity.js';
import type { EvalSuite } from '../evaluation/suite-schema.js';
import type { WorkerJob } from '../evaluation/worker-protocol.js';
import type { RunSpec } from '../plan/run-spec.js';
import type { Study } from '../study/study.js';

/** Loss settings the run was trained with (adapter_config.json is mlx-lm's record of them). */
export function lossSpec(
  adapterConfig: Record<string, unknown>,
  spec: RunSpec,
): NonNullable<GenerationSettings['loss']> & Record<string, unknown> {
  const pick = <T>(key: string, fallback: T): T => (adapterConfig[key] ?? spec.config[key] ?? fallback) as T;
  const features = Object.fromEntries(
    Object.entries({ ...spec.config, ...adapterConfig }).filter(([k]) => k.endsWith('_feature')),
  );
  return {
    data: String(pick('data', spec.config.data)),
    batch_size: pick('batch_size', 4),
    max_seq_length: pick('max_seq_length', 2048),
    mask_prompt: pick('mask_prompt', false),
    ...features,
  };
}

/** The job file the eval worker reads: the model, the checkpoints to evaluate, the prompts and the settings. */
export function workerJob(
  study: Study,
  suite: EvalSuite,
  settings: GenerationSettings,
  model: string,
  adapterConfig: string | null,
  checkpoints: WorkerJob['checkpoints'],
): WorkerJob {
  return {
    model,
    adapter_config: adapterConfig,
    checkpoints,
    prompts: suite.prompts.map((p) => ({
      id: p.id,
      messages: p.messages,
      ...(p.tools ? { tools: p.tools } : {}),
      max_tokens: p.max_tokens,
    })),
    settings: {
      temperature: settings.temperature,
      top_p: settings.top_p,
      repeats: settings.repeats,
      batch_size: settings.batch_size,
      chat_template_args: settings.chat_template_args,
      prompt_timeout_s: settings.prompt_timeout_s,
      ...(settings.eval_seed !== null ? { eval_seed: settings.eval_seed } : {}),
      ...(settings.system_prompt !== null ? { system_prompt: settings.system_prompt } : {}),
    },
    loss: settings.loss,
  };
}
