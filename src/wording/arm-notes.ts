import type { ArmJson, ArmNote } from '../statistics/analysis-result.js';
import { pct } from './numbers.js';
import { listText, perSeedText } from './verdict.js';

/**
 * The arms' notes (statistics/arm-note.ts codes) as sentences that say what to do, each note once:
 * a note several arms share is one sentence naming them ("baseline and shuffled have only 4
 * seeds each…"), and a note that tells the reader to look at the seeds lists their scores.
 */
export function armNoteSentences(arms: readonly Pick<ArmJson, 'arm' | 'notes' | 'per_seed'>[]): string[] {
  const byCode = new Map<ArmNote['code'], { arm: Pick<ArmJson, 'arm' | 'per_seed'>; note: ArmNote }[]>();
  for (const a of arms)
    for (const note of a.notes ?? []) {
      if (typeof note !== 'object' || note === null || !('code' in note)) continue; // a pre-codes summary.json
      (byCode.get(note.code) ?? byCode.set(note.code, []).get(note.code)!).push({ arm: a, note });
    }
  const out: string[] = [];
  for (const [code, list] of byCode) out.push(...sentences(code, list));
  return out;
}

type Entry = { arm: Pick<ArmJson, 'arm' | 'per_seed'>; note: ArmNote };

const names = (list: readonly Entry[]): string =>
  `${list.length === 1 ? 'arm' : 'arms'} ${listText(list.map((e) => e.arm.arm))}`;
const seedsOf = (e: Entry): string => `${e.arm.arm}: ${perSeedText(e.arm.per_seed, pct)}`;

function sentences(code: ArmNote['code'], list: readonly Entry[]): string[] {
  const Names = (l: readonly Entry[]) => names(l).replace(/^a/, 'A');
  switch (code) {
    case 'few-seeds': {
      const byN = new Map<number, Entry[]>();
      for (const e of list) {
        const n = (e.note as { n: number }).n;
        (byN.get(n) ?? byN.set(n, []).get(n)!).push(e);
      }
      return [...byN].map(([n, l]) =>
        n === 1
          ? `${Names(l)} ${l.length === 1 ? 'has one seed' : 'have one seed each'}: how much a run's score varies from seed to seed is unknown; train more seeds to learn it.`
          : `${Names(l)} ${l.length === 1 ? 'has' : 'have'} only ${n} seeds${l.length === 1 ? '' : ' each'}, so every range over seeds is wide; more seeds narrow it (the power section says how many).`,
      );
    }
    case 'percentile-bootstrap-small-n':
      return [
        `With fewer than 20 seeds the percentile-bootstrap intervals in summary.json come out too narrow; quote the t intervals shown here (${names(list)}).`,
      ];
    case 'two-groups':
      return list.map((e) => {
        const { low, high } = e.note as Extract<ArmNote, { code: 'two-groups' }>;
        return (
          `Arm ${e.arm.arm}'s seeds fall into two groups, ${low.size} around ${pct(low.mean)} (${pct(low.min)}–${pct(low.max)}) ` +
          `and ${high.size} around ${pct(high.mean)} (${pct(high.min)}–${pct(high.max)}), so its mean and prediction range ` +
          `describe no actual run; read the seeds instead (${perSeedText(e.arm.per_seed, pct)}).`
        );
      });
    case 'prediction-clipped':
      return [
        `The range where one new run would land went past 0–100% for ${names(list)} and was cut off: the seed scores are ` +
          `not bell-shaped, so read the seeds rather than that range (${list.map(seedsOf).join('; ')}).`,
      ];
    case 'best-val-fell-back':
      return list.map((e) => {
        const seeds = (e.note as Extract<ArmNote, { code: 'best-val-fell-back' }>).seeds;
        return `Arm ${e.arm.arm}: seed${seeds.length === 1 ? '' : 's'} ${listText(seeds.map(String))} recorded no val loss, so the final checkpoint stands in for the best-val one; record a val loss for every checkpoint to choose by it.`;
      });
    case 'prompts-dropped':
      return list.map((e) => {
        const p = (e.note as Extract<ArmNote, { code: 'prompts-dropped' }>).prompts;
        return `Arm ${e.arm.arm}: ${p.length} prompt${p.length === 1 ? ' was' : 's were'} not scored for every seed and ${p.length === 1 ? 'is' : 'are'} left out (${p.join(', ')}); evaluate every seed on ${p.length === 1 ? 'it' : 'them'} to include ${p.length === 1 ? 'it' : 'them'}.`;
      });
    case 'no-common-prompt':
      return [
        `${Names(list)}: no prompt was scored for every seed, so the seeds cannot be compared; evaluate every seed on the same prompts.`,
      ];
    case 'category-level':
      return [
        `${Names(list)} ${list.length === 1 ? 'was' : 'were'} imported as category scores only, so per-prompt statistics are missing; import per-prompt results to get them.`,
      ];
  }
}
