import type { Observation } from '../../src/statistics/observation.js';
import type { ReportOutput } from '../../src/report/report-input.js';
import type { ProvenanceRun } from '../../src/report/report-model.js';

/** Inputs of a synthetic study, ready for `buildReportModel`. */
export interface SyntheticStudy {
  observations: Observation[];
  valLosses: { arm: string; seed: number; step: number; valLoss: number }[];
  outputs: ReportOutput[];
  runs: ProvenanceRun[];
}

/** Builds a synthetic study in memory (deterministic). */
export function syntheticStudy(size: {
  arms: string[];
  seeds: number;
  checkpoints: number;
  prompts: number;
  categories?: number;
}): SyntheticStudy;
