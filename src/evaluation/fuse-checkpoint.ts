import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Study } from '../study/study.js';
import { makeEvalTempDir } from './temp-dirs.js';

/** A fused (and maybe quantized) model in a temporary directory; `cleanup` deletes it. */
export interface FusedModel {
  dir: string;
  cleanup: () => Promise<void>;
}

/**
 * Fused evaluation, for pipelines that (like the seed document's) fuse and quantize before
 * evaluating: `mlx_lm fuse` the staged checkpoint into a temp dir (a quantized base stays quantized
 * at its own bits), or with `quantize_bits` fuse de-quantized and `mlx_lm convert -q` it (into a path
 * that must not exist yet). Layers whose size is not a multiple of the group size stay unquantized,
 * as mlx-lm decides.
 */
export async function fuseCheckpoint(
  python: string,
  model: string,
  stagedAdapterDir: string,
  fuse: NonNullable<Study['eval']['fuse']> | undefined,
  opts: { logFile?: string; signal?: AbortSignal; timeoutS?: number } = {},
): Promise<FusedModel> {
  const root = await makeEvalTempDir('fuse');
  const cleanup = () => rm(root, { recursive: true, force: true });
  const run = (args: string[]) =>
    execa(python, ['-m', 'mlx_lm', ...args], {
      env: { HF_HUB_OFFLINE: '1', PYTHONUNBUFFERED: '1' },
      timeout: (opts.timeoutS ?? 3600) * 1000,
      ...(opts.logFile
        ? { stdout: { file: opts.logFile, append: true }, stderr: { file: opts.logFile, append: true } }
        : {}),
      ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    });
  try {
    const fused = join(root, 'fused');
    // `mlx_lm fuse` re-quantizes a quantized base (a 4-bit MoE) at the base's bits, and `convert -q` leaves
    // quantized layers alone: without --dequantize the requested bits and group size would be ignored silently.
    const requantize = fuse?.quantize_bits !== undefined;
    const dequantize = requantize ? ['--dequantize'] : [];
    await run(['fuse', '--model', model, '--adapter-path', stagedAdapterDir, '--save-path', fused, ...dequantize]);
    if (!requantize) return { dir: fused, cleanup };
    const quantized = join(root, 'quantized');
    await run([
      'convert',
      '--model',
      fused,
      '-q',
      '--q-bits',
      String(fuse.quantize_bits),
      '--q-group-size',
      String(fuse.group_size),
      '--mlx-path',
      quantized,
    ]);
    await rm(fused, { recursive: true, force: true });
    return { dir: quantized, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
