import type { RunSpec } from './run-spec.js';

/**
 * Whether a field changes a run's outcome (`identity`: it goes into the runId, so changing
 * it means new runs) or only how/where the work happens (`operational`: changing it keeps
 * every finished run). test/plan/field-classes.test.ts fails when a schema field, run spec
 * field or mlx-lm config key is missing from these tables, so a new field can't slip into
 * (or out of) the identity unnoticed.
 */
export type FieldClass = 'identity' | 'operational';

const I = 'identity' as const;
const O = 'operational' as const;

/**
 * Every key path of the study schema. `arms[].train.X` is classified by `train.X` (an arm
 * override is the same setting). Model and data are identity through their content hashes,
 * never their paths. Train settings that only look operational (steps_per_eval,
 * val_batches, steps_per_report) are identity: validation draws from the same numpy RNG
 * as batch order in mlx-lm, so they change the training trajectory.
 */
export const studyFieldClasses: Record<string, FieldClass> = {
  name: O,
  description: O,
  model: I,
  data: I,
  output: O,
  keep_checkpoints: O,
  // training: everything mlx-lm sees
  train: I,
  'train.iters': I,
  'train.batch_size': I,
  'train.learning_rate': I,
  'train.num_layers': I,
  'train.lora_parameters': I,
  'train.lora_parameters.rank': I,
  'train.lora_parameters.scale': I,
  'train.lora_parameters.dropout': I,
  'train.lora_parameters.keys': I,
  'train.save_every': I,
  'train.steps_per_eval': I,
  'train.steps_per_report': I,
  'train.val_batches': I,
  'train.max_seq_length': I,
  'train.mask_prompt': I,
  'train.fine_tune_type': I,
  'train.optimizer': I,
  'train.optimizer_config': I,
  'train.lr_schedule': I,
  'train.lr_schedule.name': I,
  'train.lr_schedule.arguments': I,
  'train.lr_schedule.warmup': I,
  'train.lr_schedule.warmup_init': I,
  'train.grad_checkpoint': I,
  'train.grad_accumulation_steps': I,
  'train.shuffle_train_per_seed': I,
  // arms: the name is a label and a directory; the overrides are classified as train.*
  arms: I,
  'arms[].name': O,
  'arms[].description': O,
  'arms[].train': I,
  seeds: I,
  'seeds.count': I,
  'seeds.start': I,
  // evaluation happens after training; the eval stage keys its own results
  eval: O,
  'eval.suite': O,
  'eval.scorer': O,
  'eval.scorer.kind': O,
  'eval.scorer.wrapper': O,
  'eval.scorer.direct_score': O,
  'eval.scorer.trim': O,
  'eval.scorer.case_sensitive': O,
  'eval.scorer.command': O,
  'eval.scorer.timeout_s': O,
  'eval.max_tokens': O,
  'eval.temperature': O,
  'eval.top_p': O,
  'eval.eval_seed': O,
  'eval.repeats': O,
  'eval.chat_template_args': O,
  'eval.system_prompt': O,
  'eval.prompt_timeout_s': O,
  'eval.checkpoints': O,
  'eval.checkpoints.every': O,
  'eval.include_base': O,
  'eval.exact_loss': O,
  'eval.batch_size': O,
  'eval.mode': O,
  'eval.fuse': O,
  'eval.fuse.quantize_bits': O,
  'eval.fuse.group_size': O,
  'eval.command': O,
  'eval.watchdog_s': O,
  baselines: O,
  'baselines[].name': O,
  'baselines[].claimed': O,
  'baselines[].arm': O,
  'baselines[].source': O,
  'baselines[].prompt_count': O,
  'baselines[].categories': O,
  'baselines[].tolerance': O,
  'baselines[].repeats': O,
  executor: O,
  'executor.kind': O,
  // bit-identical checkpoints to mlx_lm lora (tested in CI; docs/prefix-cache.md), so switching keeps every run
  'executor.trainer': O,
  'executor.concurrency': O,
  'executor.eval_concurrency': O,
  'executor.stall_timeout_s': O,
  'executor.grace_s': O,
  'executor.partition': O,
  'executor.time': O,
  'executor.cpus_per_task': O,
  'executor.mem': O,
  'executor.gres': O,
  'executor.account': O,
  'executor.qos': O,
  'executor.extra_args': O,
  'executor.setup': O,
  'executor.node_command': O,
  'executor.poll_s': O,
  // the engine's software version is identity through the mlx-lm version, not the interpreter path
  engine: O,
  'engine.python': O,
  'engine.lora_command': O,
  analysis: O,
  'analysis.checkpoint': O,
  'analysis.pass_threshold': O,
  'analysis.resamples': O,
  'analysis.rng_seed': O,
  // a sequential design decides how many seeds run, never what one run computes
  sequential: O,
  'sequential.question': O,
  'sequential.arms': O,
  'sequential.baseline': O,
  'sequential.looks': O,
  'sequential.alpha': O,
  'sequential.beta': O,
  'sequential.spending': O,
  'sequential.gamma': O,
  'sequential.power': O,
  'sequential.effect': O,
  'sequential.effect.d': O,
  'sequential.effect.points': O,
  'sequential.effect.sd': O,
  'sequential.futility': O,
  'sequential.futility.spending': O,
  'sequential.futility.gamma': O,
  'sequential.futility.sides': O,
  'sequential.p0': O,
  'sequential.p1': O,
};

/** RunSpec fields: the runId is the identity itself; arm name and paths are labels. */
export const runSpecFieldClasses = {
  runId: I,
  arm: O,
  seed: I,
  runDir: O,
  config: I,
} as const satisfies Record<keyof RunSpec, FieldClass>;

/** mlx-lm config keys seedstudy adds; paths are operational (model and data count by content hash). */
const fixedConfigClasses: Record<string, FieldClass> = { model: O, data: O, adapter_path: O, train: I, seed: I };

/** Class of one key of a run's mlx-lm config; throws on an unknown key (a bug: classify it first). */
export function configFieldClass(key: string): FieldClass {
  const known = fixedConfigClasses[key] ?? studyFieldClasses[`train.${key}`];
  if (!known) throw new Error(`mlx-lm config key "${key}" is not classified in src/plan/field-classes.ts`);
  return known;
}
