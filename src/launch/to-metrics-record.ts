import type { MetricsRecord } from '../results/metrics-record.js';
import type { TrainerLogLine } from './log-line.js';

/**
 * Maps a parsed log line to the metrics.jsonl record, fixing the val step off-by-one
 * (validation at iteration N runs before update N, so it measures step N-1). Lines that carry
 * no metric (params, start, final-save) map to undefined.
 */
export function toMetricsRecord(
  line: TrainerLogLine,
  t: number,
  lastIteration: number | null,
): MetricsRecord | undefined {
  const time = Math.max(0, Math.round(t * 1000) / 1000);
  switch (line.kind) {
    case 'train':
      return {
        kind: 'train',
        step: line.iteration,
        iteration: line.iteration,
        train_loss: line.trainLoss,
        ...(line.learningRate !== undefined && { learning_rate: line.learningRate }),
        ...(line.itPerSec !== undefined && { it_per_sec: line.itPerSec }),
        tokens_per_sec: line.tokensPerSec,
        trained_tokens: line.trainedTokens,
        ...(line.peakMemoryGb !== undefined && { peak_memory_gb: line.peakMemoryGb }),
        t: time,
      };
    case 'val':
      return {
        kind: 'val',
        step: Math.max(0, line.iteration - 1),
        iteration: line.iteration,
        val_loss: line.valLoss,
        val_time_s: line.valTimeS,
        t: time,
      };
    case 'save':
      return { kind: 'save', step: line.iteration, iteration: line.iteration, checkpoint: line.checkpoint, t: time };
    case 'test':
      return {
        kind: 'test',
        step: null,
        iteration: lastIteration,
        test_loss: line.testLoss,
        test_ppl: line.testPpl,
        t: time,
      };
    default:
      return undefined;
  }
}
