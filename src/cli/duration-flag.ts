import { UserError } from '../errors/user-error.js';

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * Parses a duration flag such as `--report-every 10m`: `90s`, `10m`, `1h`, `1h30m`, or plain seconds.
 * Anything else, or zero, is a UserError naming the flag.
 */
export function parseDurationFlag(value: string, flag: string): number {
  const text = value.trim();
  let seconds = 0;
  if (/^\d+(\.\d+)?$/.test(text)) seconds = Number(text);
  else if (/^(\d+(\.\d+)?[smh])+$/.test(text)) {
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)([smh])/g)) seconds += Number(n) * UNIT[unit!]!;
  } else seconds = NaN;
  if (!(seconds > 0)) {
    throw new UserError(`${flag} must be a duration such as 30s, 10m or 1h, got "${value}"`, {
      keyPath: flag,
      fix: `e.g. ${flag} 10m`,
    });
  }
  return seconds;
}
