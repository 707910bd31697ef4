import { UserError } from '../errors/user-error.js';

/** An `error` line of the worker protocol: what failed, and where when the worker knows. */
export interface WorkerErrorLine {
  kind: string;
  message: string;
  step?: number | undefined;
  repeat?: number | undefined;
  prompt_ids?: string[] | undefined;
}

const FIXES: Record<string, string> = {
  provenance: 're-run training for this run, or restore the checkpoint file it recorded',
  coverage: "the checkpoint does not match the run's adapter_config.json: re-run training for this run",
  load: 'check that `model` loads with mlx_lm (`mlx_lm.generate --model ...`); the worker log has the traceback',
  generation:
    "check these prompts' messages and tools against the model's chat template (the worker log has the traceback); " +
    'on an out-of-memory error lower eval.batch_size or max_tokens',
  loss:
    "check the run's valid/test files and its batch_size/max_seq_length (the worker log has the traceback), " +
    'or set eval.exact_loss: false',
};

/**
 * The error a worker's `error` record becomes: a UserError with where it happened and its fix for the
 * kinds a user can act on (after model load: generation, loss), an internal error for anything else.
 */
export function workerFailure(e: WorkerErrorLine, logFile: string | undefined): Error {
  const fix = FIXES[e.kind];
  const where = [
    e.step !== undefined ? `step ${e.step}` : '',
    e.prompt_ids?.length ? `prompt${e.prompt_ids.length > 1 ? 's' : ''} ${e.prompt_ids.join(', ')}` : '',
    e.repeat ? `repeat ${e.repeat}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const message = `eval worker failed (${[e.kind, where].filter(Boolean).join(', ')}): ${e.message}`;
  const full = `${message}; worker log: ${logFile ?? 'its stderr'}`;
  return fix ? new UserError(full, { fix }) : new Error(full);
}
