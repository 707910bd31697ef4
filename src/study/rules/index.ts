import { armNamesUnique } from './arm-names-unique.js';
import { armsDiffer } from './arms-differ.js';
import { baselineArms, baselineNamesUnique } from './baseline-arms.js';
import { analysisCheckpointSaved, evalCheckpointsSaved } from './checkpoint-steps.js';
import { dataLinesJson } from './data-lines-json.js';
import { dataSplitsPresent } from './data-splits.js';
import { evalSuiteExists } from './eval-suite-exists.js';
import { fuseOnlyWhenFused } from './eval-mode-settings.js';
import { itersMultipleOfSaveEvery } from './iters-multiple-of-save-every.js';
import { learningRateWithSchedule } from './learning-rate-with-schedule.js';
import { loraParametersComplete } from './lora-parameters-complete.js';
import { lrScheduleKnown } from './lr-schedule-known.js';
import { modelLayers } from './model-layers.js';
import { prefixCacheSupported } from './prefix-cache-supported.js';
import { programsExist } from './programs-exist.js';
import type { StudyRule } from './rule.js';
import { samplingNeedsEvalSeed } from './sampling-needs-eval-seed.js';
import { seedsInRange } from './seeds-in-range.js';
import { seedsUnique } from './seeds-unique.js';
import { sequentialDesignRules } from './sequential-design.js';

/** Every cross-field rule, in the order they are checked (cheap, in-file rules before file-system ones). */
export const studyRules: readonly StudyRule[] = [
  seedsUnique,
  seedsInRange,
  armNamesUnique,
  armsDiffer,
  loraParametersComplete,
  itersMultipleOfSaveEvery,
  learningRateWithSchedule,
  lrScheduleKnown,
  samplingNeedsEvalSeed,
  fuseOnlyWhenFused,
  baselineNamesUnique,
  baselineArms,
  sequentialDesignRules,
  analysisCheckpointSaved,
  evalCheckpointsSaved,
  modelLayers,
  dataSplitsPresent,
  dataLinesJson,
  evalSuiteExists,
  programsExist,
  prefixCacheSupported,
];

/**
 * The rules that read the model and data directories or look for the programs training and
 * evaluation start: skipped when a study is loaded only to analyse results trained elsewhere
 * (`requireModelAndData: false`), where those need not exist.
 */
export const modelAndDataRules: ReadonlySet<StudyRule> = new Set([
  modelLayers,
  dataSplitsPresent,
  dataLinesJson,
  programsExist,
  prefixCacheSupported,
]);
