import type { StudyRule } from './rule.js';

/** `fuse` settings do nothing in adapter mode; a user who wrote them expects fused evaluation. */
export const fuseOnlyWhenFused: StudyRule = ({ study, source }) => {
  const written = (source.data as { eval?: { fuse?: unknown } }).eval?.fuse !== undefined;
  return written && study.eval.mode !== 'fused'
    ? {
        path: ['eval', 'fuse'],
        message: `fuse settings are given but eval.mode is "${study.eval.mode}"`,
        fix: 'add `mode: fused` under `eval:`, or remove `fuse:`',
      }
    : undefined;
};
