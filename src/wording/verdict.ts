/**
 * One verdict as every medium prints it: a first sentence in plain words that an ML engineer who
 * is not a statistician understands (no p, CI, d, σ…), then the numbers behind it. The CLI prints
 * `verdictText`, the HTML bolds `plain`, the Markdown too; the words are the same everywhere.
 */
export interface Verdict {
  /** How the verdict reads, for colour: good news, bad news, undecided, or neither. */
  tone: 'good' | 'bad' | 'unsure' | 'neutral';
  /** One sentence, ending in a full stop, with no statistical symbol. */
  plain: string;
  /** The statistics behind it (may be empty). */
  numbers: string;
}

/** The verdict as one line of text: the plain sentence, then the numbers. */
export function verdictText(v: Verdict): string {
  return v.numbers ? `${v.plain} ${v.numbers}` : v.plain;
}

/** Upper-cases the first character of a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "none of 4 seeds", "1 of 4 seeds", "all 4 seeds", "both seeds", "the one seed". */
export function seedsCount(k: number, n: number): string {
  if (n === 1) return k === 1 ? 'the one seed' : 'not the one seed';
  if (k === 0) return n === 2 ? 'neither seed' : `none of ${n} seeds`;
  if (k === n) return n === 2 ? 'both seeds' : `all ${n} seeds`;
  return `${k} of ${n} seeds`;
}

/** Seeds listed by name in a sentence; more are summarised (the report's seed table lists them all). */
const LISTED_SEEDS = 20;

/** "seed 0: 25.0%, seed 1: 33.3%": the per-seed scores a note refers to. */
export function perSeedText(perSeed: readonly { seed: number; score: number }[], pct: (x: number) => string): string {
  const shown = perSeed.slice(0, LISTED_SEEDS).map((s) => `seed ${s.seed}: ${pct(s.score)}`);
  const more = perSeed.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more (every seed's score is in the seed table)` : shown.join(', ');
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
