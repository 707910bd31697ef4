import type { TrainerLogLine } from './log-line.js';
import { parseEraALine } from './parse-era-a.js';
import { parseEraBLine } from './parse-era-b.js';
import { stripAnsi } from './strip-ansi.js';

/**
 * Parses one raw line of trainer output from either mlx-lm log era: strips ANSI codes and
 * surrounding whitespace, then tries era A (whose lines start with fixed words) before era B.
 * Pure, so every format quirk is pinned by unit tests on real sample lines.
 */
export function parseTrainerLogLine(raw: string): TrainerLogLine | undefined {
  const line = stripAnsi(raw).trim();
  if (line === '') return undefined;
  return parseEraALine(line) ?? parseEraBLine(line);
}
