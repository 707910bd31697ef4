import { readFileSync } from 'node:fs';

/** CONFIG_DEFAULTS keys of mlx-lm 0.32.2, hard-coded in a fixture (the unit tier runs no Python). */
export const configDefaultsKeys: string[] = readFileSync(
  new URL('../fixtures/mlx-configs/config-defaults-0.32.2.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'));
