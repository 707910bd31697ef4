/**
 * The `lr_schedule.name` values mlx-lm accepts, with how many numbers each takes in `arguments`.
 * Hard-coded so `validate` needs no Python. Source: mlx-lm 0.32.2, `mlx_lm/tuner/utils.py`
 * `build_schedule`, which calls `getattr(mlx.optimizers.schedulers, name)(*arguments)`; the
 * schedule functions are those of `mlx/optimizers/schedulers.py` in mlx 0.32.4 (the installed pair).
 * `join_schedules` is left out: it takes a list of schedules, which numeric `arguments` cannot give.
 * Update this list when the pinned mlx-lm version changes.
 */
export const mlxLrSchedules: Readonly<Record<string, { min: number; max: number; signature: string }>> = {
  cosine_decay: { min: 2, max: 3, signature: 'cosine_decay(init, decay_steps, end=0.0)' },
  exponential_decay: { min: 2, max: 2, signature: 'exponential_decay(init, decay_rate)' },
  linear_schedule: { min: 3, max: 3, signature: 'linear_schedule(init, end, steps)' },
  step_decay: { min: 3, max: 3, signature: 'step_decay(init, decay_rate, step_size)' },
};
