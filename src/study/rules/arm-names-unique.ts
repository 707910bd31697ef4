import type { StudyRule } from './rule.js';

/**
 * Arm names become directories (`runs/<arm>/seed-N`). Compared case-insensitively because
 * macOS file systems are: `Base` and `base` would share one directory there.
 */
export const armNamesUnique: StudyRule = ({ arms }) => {
  const seen = new Map<string, number>();
  for (const arm of arms) {
    const key = arm.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        path: ['arms', arm.index, 'name'],
        message: `arm name "${arm.name}" is already used by arms[${earlier}]${arms[earlier]!.name === arm.name ? '' : ` ("${arms[earlier]!.name}"; names are compared ignoring case)`}`,
        fix: 'give every arm a different name: it becomes the directory runs/<arm>/',
      };
    }
    seen.set(key, arm.index);
  }
  return undefined;
};
