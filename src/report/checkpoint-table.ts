import { num, pct, points } from '../wording/numbers.js';
import type { ReportModel } from './report-model.js';
import type { TextTable } from './tables.js';

/** The checkpoint each seed would report under each rule: final, lowest val loss, best eval score (oracle). */
export function checkpointTable(model: ReportModel): TextTable {
  const at = (c: { step: number; score: number }) => `${pct(c.score)} (step ${c.step})`;
  return {
    id: 'checkpoint-seeds',
    title: 'Checkpoint choice per seed',
    intro:
      'Each seed scored at its final checkpoint, at its lowest-val-loss checkpoint, and at its best checkpoint by eval score (the oracle, chosen on the same prompts it is scored on).',
    headers: ['Arm', 'Seed', 'Final', 'Best val', 'Val loss', 'Oracle', 'Oracle − best val'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: model.checkpointSelection.flatMap((a) =>
      a.seeds.map((s) => [
        a.arm,
        String(s.seed),
        at(s.final),
        s.bestVal ? at(s.bestVal) : 'n/a',
        num(s.bestVal?.valLoss, 4),
        at(s.oracle),
        s.regret === null ? 'n/a' : `${points(s.regret)} pts`,
      ]),
    ),
  };
}
