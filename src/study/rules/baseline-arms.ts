import { didYouMean } from '../did-you-mean.js';
import type { StudyRule } from './rule.js';

/** A claimed result is checked against one arm's runs, so the arm must exist and be unambiguous. */
export const baselineArms: StudyRule = ({ study, arms }) => {
  const names = arms.map((a) => a.name);
  for (const [i, baseline] of study.baselines.entries()) {
    if (baseline.arm === undefined) {
      if (arms.length > 1) {
        return {
          path: ['baselines', i],
          message: `baseline "${baseline.name}" does not say which arm it claims to describe`,
          fix: `add \`arm:\` with one of ${names.join(', ')}`,
        };
      }
    } else if (!names.includes(baseline.arm)) {
      const guess = didYouMean(baseline.arm, names);
      return {
        path: ['baselines', i, 'arm'],
        message: `no arm named "${baseline.arm}"`,
        fix: guess ? `did you mean \`${guess}\`?` : `use one of ${names.join(', ')}`,
      };
    }
  }
  return undefined;
};

/** Baseline names label report rows; two with one name would be indistinguishable. */
export const baselineNamesUnique: StudyRule = ({ study }) => {
  const seen = new Set<string>();
  for (const [i, baseline] of study.baselines.entries()) {
    if (seen.has(baseline.name))
      return {
        path: ['baselines', i, 'name'],
        message: `baseline name "${baseline.name}" is used twice`,
        fix: 'give each baseline its own name',
      };
    seen.add(baseline.name);
  }
  return undefined;
};
