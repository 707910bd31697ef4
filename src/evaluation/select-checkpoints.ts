import type { CheckpointRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';

/** The checkpoints `eval.checkpoints` asks for, in step order (pruned ones are gone and skipped). */
export function selectCheckpoints(
  checkpoints: readonly CheckpointRecord[],
  selection: Study['eval']['checkpoints'],
): CheckpointRecord[] {
  const live = checkpoints.filter((c) => !c.pruned).sort((a, b) => a.step - b.step);
  if (selection === 'all') return live;
  if (Array.isArray(selection)) return live.filter((c) => selection.includes(c.step));
  return live.filter((c) => c.step % selection.every === 0);
}
