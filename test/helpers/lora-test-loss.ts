/**
 * A python -c program that runs `mlx_lm lora` (its `main`) with `evaluate` wrapped to print the
 * unrounded loss as `FULL_LOSS <repr>`: `mlx_lm lora --test` itself prints the loss rounded to 3
 * decimals, too coarse to check the eval worker's exact val loss against.
 */
export const LORA_TEST_FULL_PRECISION = [
  'import mlx_lm.lora as L',
  'orig = L.evaluate',
  'def ev(*a, **k):',
  '    v = orig(*a, **k)',
  '    print("FULL_LOSS", repr(v), flush=True)',
  '    return v',
  'L.evaluate = ev',
  'L.main()',
].join('\n');
