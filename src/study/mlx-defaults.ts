/**
 * mlx-lm's own `CONFIG_DEFAULTS` (mlx_lm/lora.py, 0.24 to 0.32) for the settings seedstudy
 * checks. They are never written into a run's config (seedstudy invents no defaults); the
 * rules use them to predict what mlx-lm will do with a setting the user left out, e.g. a
 * 4-layer model with the default `num_layers: 16` fails at start-up.
 */
export const mlxLoraDefaults = {
  iters: 1000,
  batch_size: 4,
  num_layers: 16,
  save_every: 100,
} as const;
