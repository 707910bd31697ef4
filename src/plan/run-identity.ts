import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { configFieldClass } from './field-classes.js';
import type { MlxLoraConfig } from './run-spec.js';

/** Bumped when the identity payload changes shape, so old and new runIds never collide. */
export const identitySchemeVersion = 1;

/** Everything outside the config that decides a run's outcome. */
export interface RunIdentityInputs {
  config: MlxLoraConfig;
  shuffleTrainPerSeed: boolean;
  /** From `modelIdentity` (content of the model directory). */
  modelHash: string;
  /** sha256 per split, from `dataIdentity`. */
  dataHashes: Record<string, string>;
  /** Installed mlx-lm version, or null when unknown. */
  mlxLmVersion: string | null;
}

/** The payload that is hashed: the config's identity keys (see field-classes.ts) and the content hashes. */
export function runIdentityPayload(inputs: RunIdentityInputs): Record<string, unknown> {
  const config = Object.fromEntries(
    Object.entries(inputs.config).filter(([key]) => configFieldClass(key) === 'identity'),
  );
  return {
    scheme: identitySchemeVersion,
    config,
    shuffle_train_per_seed: inputs.shuffleTrainPerSeed,
    model: inputs.modelHash,
    data: inputs.dataHashes,
    mlx_lm: inputs.mlxLmVersion,
  };
}

/**
 * A run's content address: first 16 hex digits of sha256 over its identity payload. Equal
 * runIds mean "same training up to float noise", which is what lets `run` resume and skip
 * finished work, and lets a changed learning rate never reuse a stale run.
 */
export function computeRunId(inputs: RunIdentityInputs): string {
  return createHash('sha256')
    .update(canonicalJson(runIdentityPayload(inputs)))
    .digest('hex')
    .slice(0, 16);
}
