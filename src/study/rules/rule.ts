import type { ArmTrainSettings, TrainSettings } from '../schema.js';
import type { Study } from '../study.js';
import type { KeyPath, YamlSource } from '../yaml-source.js';

/** One arm as the rules see it: effective settings plus where each setting was written. */
export interface ArmView {
  name: string;
  /** Index in `arms`, or -1 for the implicit arm of a study without arms. */
  index: number;
  train: ArmTrainSettings;
  /** Key path of the line that sets `key` for this arm (the arm's override, else study `train`). */
  pathOf(key: keyof TrainSettings): KeyPath;
}

/** What every cross-field rule receives. */
export interface RuleContext {
  study: Study;
  source: YamlSource;
  arms: ArmView[];
}

/** A broken cross-field rule: where, what, and how to fix it. */
export interface RuleViolation {
  path: KeyPath;
  message: string;
  fix: string;
  /** The problem is in another file the study names (a data line): reported there instead of at `path`. */
  at?: { file: string; line?: number };
}

/**
 * A cross-field rule: a small function over the resolved study, so each constraint the
 * schema can't express lives in its own file and has its own tests.
 */
export type StudyRule = (context: RuleContext) => RuleFinding | Promise<RuleFinding>;

/** What a rule returns: nothing, one violation, or several independent ones (e.g. one per data file). */
export type RuleFinding = RuleViolation | readonly RuleViolation[] | undefined;

/** Builds the per-arm views the rules share. */
export function armViews(
  study: Study,
  source: YamlSource,
  merge: (arm: Study['arms'][number]) => ArmTrainSettings,
): ArmView[] {
  const written = Array.isArray((source.data as { arms?: unknown }).arms);
  return study.arms.map((arm, i) => {
    const index = written ? i : -1;
    return {
      name: arm.name,
      index,
      train: merge(arm),
      pathOf: (key) =>
        index >= 0 && arm.train?.[key] !== undefined
          ? ['arms', index, 'train', key]
          : study.train[key] !== undefined
            ? ['train', key]
            : index >= 0 && arm.train
              ? ['arms', index, 'train']
              : ['train'],
    };
  });
}

/** ` (arm "x")` when the study has several arms, so the message names the one at fault. */
export function armSuffix(context: RuleContext, arm: ArmView): string {
  return context.arms.length > 1 ? ` (arm "${arm.name}")` : '';
}
