import { z } from 'zod';

/**
 * A claimed figure exactly as a write-up printed it: "82.4%", "0.824" or 0.824. How it was
 * printed matters: "82.4%" is any value in [82.35%, 82.45%), so the comparability gate allows half
 * a unit of the last printed digit unless the claim states its own `tolerance`. A string keeps
 * the printed form exactly. A YAML or JSON number does not ("0.80" arrives as 0.8), so a number's
 * tolerance is capped at ±0.5 points: a claim is never read as coarser than whole percents unless
 * it says so with `tolerance`.
 */
export const claimedFigureSchema = z
  .union([
    z.number().min(0).max(1),
    z
      .string()
      .regex(
        /^\s*(\d{1,3}(\.\d+)?\s*%|0(\.\d+)?|1(\.0*)?)\s*$/,
        'must be a fraction such as 0.824 or a percentage string such as "82.4%"',
      )
      .refine((s) => !s.includes('%') || Number.parseFloat(s) <= 100, 'a percentage must be at most 100%'),
  ])
  .describe(
    'A claimed score as printed: a percentage string ("82.4%"), a fraction string ("0.824") or a number (0.824). Its printed precision sets the default rounding tolerance (a number\'s at most ±0.5 points).',
  );

/** The coarsest tolerance inferred from a number, whose trailing zeros YAML and JSON drop (±0.5 points). */
export const NUMBER_TOLERANCE_CAP = 0.005;

/** A claimed figure parsed: value as a fraction, and the rounding its printed form admits. */
export interface ParsedFigure {
  value: number;
  /**
   * Half a unit of the last printed digit, as a fraction ("82.4%" → 0.0005, "0.80" → 0.005; a number at most 0.005).
   */
  printedTolerance: number;
  /** As written, for messages. */
  text: string;
}

/** Digits after the decimal point of a decimal string ("33.30" → 2). */
const decimalsOf = (s: string) => s.split('.')[1]?.length ?? 0;

/** Parses a figure accepted by claimedFigureSchema, or typed on the command line (always a string there). */
export function parseClaimedFigure(input: number | string): ParsedFigure {
  if (typeof input === 'number') {
    const s = String(input);
    const e = s.match(/e-(\d+)$/);
    const decimals = e ? Number(e[1]) + decimalsOf(s.split('e')[0]!) : decimalsOf(s);
    return {
      value: input,
      printedTolerance: Math.min(Math.max(0.5 * 10 ** -decimals, 1e-9), NUMBER_TOLERANCE_CAP),
      text: s,
    };
  }
  const t = input.trim();
  if (t.endsWith('%')) {
    const digits = t.replace(/\s*%$/, '');
    const d = decimalsOf(digits);
    // Decimal scaling, so "82.4%" is exactly 0.824 and not 0.8240000000000001.
    return {
      value: Number((Number.parseFloat(digits) / 100).toFixed(d + 2)),
      printedTolerance: (0.5 * 10 ** -d) / 100,
      text: `${digits}%`,
    };
  }
  return { value: Number.parseFloat(t), printedTolerance: Math.max(0.5 * 10 ** -decimalsOf(t), 1e-9), text: t };
}
