import { z } from 'zod';

/**
 * A claimed figure exactly as a write-up printed it: "82.4%" or 0.824. How it was printed
 * matters: "82.4%" is any value in [82.35%, 82.45%), so the comparability gate allows half a unit
 * of the last printed digit unless the study states its own `tolerance`. Keeping the printed form
 * (a string) is what makes that tolerance explicit rather than guessed from a float.
 */
export const claimedFigureSchema = z
  .union([
    z.number().min(0).max(1),
    z
      .string()
      .regex(/^\s*\d{1,3}(\.\d+)?\s*%\s*$/, 'must be a fraction such as 0.824 or a percentage string such as "82.4%"')
      .refine((s) => Number.parseFloat(s) <= 100, 'a percentage must be at most 100%'),
  ])
  .describe('A claimed score: a fraction (0.824) or a percentage string ("82.4%"). Its printed precision sets the default rounding tolerance.');

/** A claimed figure parsed: value as a fraction, and the rounding its printed form admits. */
export interface ParsedFigure {
  value: number;
  /** Half a unit of the last printed digit, as a fraction ("82.4%" → 0.0005, 0.8 → 0.05). */
  printedTolerance: number;
  /** As written, for messages. */
  text: string;
}

/** Parses a figure accepted by claimedFigureSchema (or typed on the command line). */
export function parseClaimedFigure(input: number | string): ParsedFigure {
  if (typeof input === 'number') {
    const s = String(input);
    const e = s.match(/e-(\d+)$/);
    const decimals = e ? Number(e[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0) : (s.split('.')[1]?.length ?? 0);
    return { value: input, printedTolerance: Math.max(0.5 * 10 ** -decimals, 1e-9), text: s };
  }
  const t = input.trim().replace(/\s*%$/, '');
  const decimals = t.split('.')[1]?.length ?? 0;
  return { value: Number.parseFloat(t) / 100, printedTolerance: (0.5 * 10 ** -decimals) / 100, text: `${t}%` };
}
