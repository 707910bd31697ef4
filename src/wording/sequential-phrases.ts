import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import { listText } from './verdict.js';
import { pct0, plural } from './numbers.js';

// The small phrases the sequential sentences (sequential-outcome.ts) and the table of looks are built from.

/** "first" … "tenth": a look's place in words. */
export const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
export const CARDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** True when a look's decision ends the study. */
export function isStop(decision: SequentialLook['decision']): boolean {
  return decision.startsWith('stop-');
}

/** Seeds used per arm at a look, in the record's arm order (compare: A then B). */
export function seedsPerArm(look: SequentialLook): { arm: string; seeds: number }[] {
  const s = look.statistic;
  const arms = s?.question === 'compare' ? [...s.arms] : s ? [s.arm] : Object.keys(look.seeds);
  return arms.map((arm) => ({ arm, seeds: look.seeds[arm]?.length ?? 0 }));
}

/** "10" or "10 / 9": seeds per arm of a look as a table cell. */
export function seedsCell(look: SequentialLook): string {
  const counts = seedsPerArm(look).map((a) => a.seeds);
  return counts.every((n) => n === counts[0]) ? String(counts[0] ?? 0) : counts.join(' / ');
}

/** "10 seeds per arm", "10 seeds of arm a and 9 of arm b", "4 runs". */
export function seedsPhrase(look: SequentialLook, question: SequentialRecord['question']): string {
  const per = seedsPerArm(look);
  if (question === 'reproduce') return plural(per[0]?.seeds ?? 0, 'run');
  if (per.every((a) => a.seeds === per[0]!.seeds)) return `${plural(per[0]?.seeds ?? 0, 'seed')} per arm`;
  return listText(
    per.map((a, i) => (i === 0 ? `${plural(a.seeds, 'seed')} of arm ${a.arm}` : `${a.seeds} of arm ${a.arm}`)),
  );
}

/** "at the second of four looks" (or "at look 2" when the number of looks is not known). */
export function atLook(k: number, total: number | undefined): string {
  if (total === undefined) return k <= ORDINALS.length ? `at the ${ORDINALS[k - 1]} look` : `at look ${k}`;
  if (k === total && k > 1) return `at the last of ${total <= CARDINALS.length ? CARDINALS[total - 1] : total} looks`;
  if (k <= ORDINALS.length && total <= CARDINALS.length)
    return `at the ${ORDINALS[k - 1]} of ${CARDINALS[total - 1]} looks`;
  return `at look ${k} of ${total}`;
}

/** "look 2 of 4" (or "look 2"). */
export function lookOf(k: number, total: number | undefined): string {
  return total === undefined ? `look ${k}` : `look ${k} of ${total}`;
}

/** "95%" for α = 0.05; "" when α is unknown. */
export function levelOf(alpha: number | undefined): string {
  return alpha === undefined ? '' : `${pct0(1 - alpha)} `;
}
