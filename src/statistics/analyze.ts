import type { Observation } from './observation.js';
import type { CategoryObservation } from './category-observation.js';
import type { AnalysisResult } from './analysis-result.js';

export type * from './analysis-result.js';

/** A claimed historical value to check (study `baselines[]`, or `reproduce --claimed`). */
export interface BaselineClaim {
  name: string;
  claimed: number;
  /** Arm to check against; default: the only arm. */
  arm?: string | undefined;
  source?: string | undefined;
  /** Prompts the claim was scored on (comparability gate); default: the arm's prompt count. */
  promptCount?: number | undefined;
}

/** Pre-registered analysis choices. */
export interface AnalyzeSettings {
  /** `final`, `best-val` or `step=N`. */
  checkpoint: string;
  resamples: number;
  rngSeed: number;
  baselines: BaselineClaim[];
  /** Pairs to compare; default: every pair of arms. */
  comparisons?: [string, string][] | undefined;
  /** A prompt passes when its score ≥ this. */
  passThreshold: number;
}

/** Runs every analysis on long-format observations (plus category-level rows, if imported). */
export function analyze(
  observations: readonly Observation[],
  settings: AnalyzeSettings,
  categoryLevel: readonly CategoryObservation[] = [],
): AnalysisResult {
  void observations;
  void settings;
  void categoryLevel;
  throw new Error('analyze: not implemented yet');
}
