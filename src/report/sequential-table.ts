import { fixed, pBoundary } from '../wording/numbers.js';
import { decisionLabel } from '../wording/sequential-outcome.js';
import { seedsCell } from '../wording/sequential-phrases.js';
import type { SequentialSection } from './sequential-section.js';
import type { TextTable } from './tables.js';

/** The table of looks: seeds, the statistic, the boundaries, the error rate spent and the decision. */
export function sequentialTable(section: SequentialSection): TextTable {
  const total = section.plannedLooks;
  const lookCell = (k: number) => (total === null ? String(k) : `${k} of ${total}`);
  const failed = (l: SequentialSection['record']['looks'][number]) =>
    Object.values(l.failedSeeds).reduce((n, s) => n + s.length, 0);
  if (section.question === 'reproduce') {
    return {
      id: 'sequential-looks',
      title: 'Looks',
      intro: 'Each look counts the runs reaching the claim and compares the count with the exact bounds of the design.',
      headers: [
        'Look',
        'Runs',
        'Reached the claim',
        'Not reproducible if ≤',
        'Reproducible if ≥',
        'Failed',
        'Decision',
      ],
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
      rows: section.record.looks.map((l) => {
        const s = l.statistic?.question === 'reproduce' ? l.statistic : null;
        return [
          lookCell(l.look),
          s ? String(s.runs) : seedsCell(l),
          s ? String(s.hits) : 'n/a',
          s && s.notReproducibleAtMost >= 0 ? String(s.notReproducibleAtMost) : 'none',
          s && s.reproducibleAtLeast <= s.runs ? String(s.reproducibleAtLeast) : 'none',
          String(failed(l)),
          decisionLabel(l.decision),
        ];
      }),
    };
  }
  const sides = section.record.looks.find((l) => l.statistic?.question === 'compare' && l.statistic.futilityZ !== null);
  const twoSided = sides?.statistic?.question === 'compare' && sides.statistic.futilitySides === 2;
  return {
    id: 'sequential-looks',
    title: 'Looks',
    intro:
      "Each look compares the arms' seeds so far (Welch's test on the z scale) with that look's boundaries; the p is the look's own, compared with the look's nominal boundary.",
    headers: [
      'Look',
      'Seeds per arm',
      'z',
      'p',
      'Efficacy: stop if |z| ≥',
      'or p ≤',
      twoSided ? 'Futility: stop if |z| <' : 'Futility: stop if z <',
      'α spent',
      'Failed',
      'Decision',
    ],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows: section.record.looks.map((l) => {
      const s = l.statistic?.question === 'compare' ? l.statistic : null;
      return [
        lookCell(l.look),
        seedsCell(l),
        s ? fixed(s.z, 3) : 'n/a',
        s ? pBoundary(s.naiveP) : 'n/a',
        s ? `${fixed(s.efficacyZ, 3)}${s.recomputed ? ' (recomputed)' : ''}` : 'n/a',
        s ? pBoundary(s.efficacyP) : 'n/a',
        s && s.futilityZ !== null ? fixed(s.futilityZ, 3) : 'none',
        s ? pBoundary(s.alphaSpent) : 'n/a',
        String(failed(l)),
        decisionLabel(l.decision),
      ];
    }),
  };
}
