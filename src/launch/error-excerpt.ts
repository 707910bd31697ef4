const MAX_LINES = 30;
const NOISE = /^\s*(train|val)\b.*(█|━|\d+%)|^\s*$/;

/**
 * The log lines worth showing for a failed run: from the last Python traceback to the end when
 * there is one (the exception is at the bottom), else the last non-progress lines. Pure.
 */
export function errorExcerpt(tail: readonly string[], maxLines = MAX_LINES): string[] {
  const lines = tail.filter((l) => !NOISE.test(l));
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.startsWith('Traceback (most recent call last)')) {
      start = i;
      break;
    }
  }
  const from = start >= 0 ? lines.slice(start) : lines.slice(-Math.min(15, maxLines));
  return from.length > maxLines ? from.slice(-maxLines) : from;
}
