import type { ArmTrainSettings, TrainSettings } from './schema.js';

/**
 * An arm's effective training settings: the study's `train` with the arm's overrides on
 * top. Keys replace whole values, except `lora_parameters`, which is merged key by key so
 * an arm can change only `rank`. The result may still lack lora_parameters keys; the
 * `lora-parameters-complete` rule reports that.
 */
export function mergeTrain(base: TrainSettings, override: ArmTrainSettings | undefined): ArmTrainSettings {
  const merged: ArmTrainSettings = { ...base, ...override };
  if (base.lora_parameters && override?.lora_parameters)
    merged.lora_parameters = { ...base.lora_parameters, ...override.lora_parameters };
  for (const key of Object.keys(merged) as (keyof ArmTrainSettings)[])
    if (merged[key] === undefined) delete merged[key];
  return merged;
}
