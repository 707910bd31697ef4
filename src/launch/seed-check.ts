import type { MetricsRecord } from '../results/metrics-record.js';

/** What the seed check needs from one succeeded run. */
export interface SeedCheckInput {
  arm: string;
  seed: number;
  firstCheckpointSha256: string | null;
  metrics: readonly MetricsRecord[];
}

/** Two seeds of one arm that trained identically: the trainer is ignoring the seed. */
export interface SeedWarning {
  arm: string;
  seeds: [number, number];
  reason: string;
}

/**
 * The loss curve used to compare seeds: every train loss and every val loss after step 0 (the
 * step-0 val loss is the base model's, identical for all seeds by design, since lora_b starts at 0).
 */
export function lossCurve(metrics: readonly MetricsRecord[]): string[] {
  return metrics
    .filter((m) => (m.kind === 'train' && m.train_loss !== undefined) || (m.kind === 'val' && m.step !== 0))
    .map((m) => `${m.kind}@${m.step}=${m.kind === 'train' ? m.train_loss : m.val_loss}`);
}

/**
 * Finds pairs of different seeds of the same arm with the same first checkpoint hash or the same
 * loss curve (at least two points). Such a study measures nothing: every "seed" is one run.
 * Pure; the pipeline writes the result to seed-check.json and the CLI shouts about it.
 */
export function findSeedIndependence(runs: readonly SeedCheckInput[]): SeedWarning[] {
  const warnings: SeedWarning[] = [];
  const curves = runs.map((r) => lossCurve(r.metrics).join('|'));
  const points = runs.map((r) => lossCurve(r.metrics).length);
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i]!;
      const b = runs[j]!;
      if (a.arm !== b.arm || a.seed === b.seed) continue;
      const seeds: [number, number] = [a.seed, b.seed];
      if (a.firstCheckpointSha256 !== null && a.firstCheckpointSha256 === b.firstCheckpointSha256) {
        warnings.push({
          arm: a.arm,
          seeds,
          reason: `seeds ${a.seed} and ${b.seed} wrote byte-identical first checkpoints (sha256 ${a.firstCheckpointSha256.slice(0, 12)}…): the trainer ignores the seed`,
        });
      } else if (points[i]! >= 2 && curves[i] === curves[j]) {
        warnings.push({
          arm: a.arm,
          seeds,
          reason: `seeds ${a.seed} and ${b.seed} have identical loss curves (${points[i]} points): the trainer ignores the seed`,
        });
      }
    }
  }
  return warnings;
}
