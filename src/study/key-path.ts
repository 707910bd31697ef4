import type { KeyPath } from './yaml-source.js';

/** Formats a key path the way users read it: `arms[1].train.learning_rate`. */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: KeyPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
