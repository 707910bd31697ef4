/**
 * One meaningful line of `mlx_lm lora` output, whichever log era printed it. `iteration` is the
 * number mlx-lm printed; the true step (updates applied) is derived later, because validation
 * runs before the optimizer step of its iteration.
 */
export type TrainerLogLine =
  | {
      kind: 'train';
      iteration: number;
      /** null when mlx-lm printed nan or inf. */
      trainLoss: number | null;
      learningRate?: number;
      itPerSec?: number;
      tokensPerSec: number;
      trainedTokens: number;
      peakMemoryGb?: number;
    }
  | { kind: 'val'; iteration: number; valLoss: number | null; valTimeS: number }
  | { kind: 'save'; iteration: number; checkpoint: string }
  | { kind: 'final-save'; path: string }
  | { kind: 'test'; testLoss: number | null; testPpl: number | null }
  | { kind: 'params'; percent: number; trainableM: number; totalM: number }
  | { kind: 'start'; iters: number };

/** Parses mlx-lm's float formatting (`:.3f`, `:.3e`, `nan`, `inf`); non-finite values become null. */
export function parseLogFloat(text: string): number | null {
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}
