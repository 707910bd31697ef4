import type { StudyRule } from './rule.js';

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/**
 * Two arms with the same effective settings train the same runs (same runIds): almost
 * always a copy-paste slip, and it would make every comparison between them a tie.
 */
export const armsDiffer: StudyRule = ({ arms }) => {
  const seen = new Map<string, string>();
  for (const arm of arms) {
    const key = canonical(arm.train);
    const twin = seen.get(key);
    if (twin !== undefined) {
      return {
        path: ['arms', arm.index],
        message: `arm "${arm.name}" trains exactly like arm "${twin}"`,
        fix: `give "${arm.name}" a train override that differs, or remove it`,
      };
    }
    seen.set(key, arm.name);
  }
  return undefined;
};
