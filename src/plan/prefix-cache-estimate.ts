/**
 * What the prefix-cache trainer should save, from layer counts alone: the plan prints it before anything
 * runs. Per training step, `mlx_lm lora` runs the frozen bottom forward (about F·(L−N)/L for a full
 * forward cost F) and the adapted top forward and backward (about 3F·N/L); the prefix-cache trainer only
 * the latter, so it costs 3N/(L+2N) of a step. Validation is forward-only: N/L. The cache is built once
 * per study (one forward of the bottom over every distinct batch) and shared by every seed.
 */
export interface PrefixCacheEstimate {
  /** Model layers (L) and layers with LoRA (N); the cache holds the input of layer L−N. */
  layers: number;
  adaptedLayers: number;
  /** Estimated per-step training compute relative to `mlx_lm lora`: 3N/(L+2N). */
  trainStepRatio: number;
  /** Estimated validation compute relative to `mlx_lm lora`: N/L. */
  validationRatio: number;
  /** Batches the cache holds (train + valid, as mlx-lm forms them: floor(lines / batch_size) each). */
  batches: number;
  /** Upper bound of the cache's size: batches × batch_size × (max_seq_length − 1) × hidden_size × dtype bytes. */
  maxBytes: number;
}

/** Inputs of the estimate, read from the model's config.json, the data files and a run's config. */
export interface PrefixCacheEstimateInput {
  layers: number;
  adaptedLayers: number;
  hiddenSize: number;
  dtypeBytes: number;
  trainLines: number;
  validLines: number;
  batchSize: number;
  maxSeqLength: number;
}

/** The estimate for one cache; pure. */
export function estimatePrefixCache(input: PrefixCacheEstimateInput): PrefixCacheEstimate {
  const { layers: L, adaptedLayers: N, batchSize } = input;
  const batches = Math.floor(input.trainLines / batchSize) + Math.floor(input.validLines / batchSize);
  return {
    layers: L,
    adaptedLayers: N,
    trainStepRatio: (3 * N) / (L + 2 * N),
    validationRatio: N / L,
    batches,
    maxBytes: batches * batchSize * Math.max(0, input.maxSeqLength - 1) * input.hiddenSize * input.dtypeBytes,
  };
}

/** Bytes per element of a config.json `torch_dtype` (mlx-lm keeps the weights' dtype for activations). */
export function dtypeBytes(torchDtype: unknown): number {
  return torchDtype === 'float32' ? 4 : 2;
}
