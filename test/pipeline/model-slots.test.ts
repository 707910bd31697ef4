import { describe, expect, it } from 'vitest';
import { ModelSlots, type SlotUse } from '../../src/pipeline/model-slots.js';

/** Runs jobs through the slots; each job waits until the test lets it finish. Returns the start order. */
function harness(slots: ModelSlots) {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const submit = (name: string, use: SlotUse) =>
    slots.run(use, async () => {
      started.push(name);
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => finishers.set(name, resolve));
      running--;
    });
  const settle = () => new Promise((r) => setImmediate(r));
  const finish = async (name: string) => {
    finishers.get(name)!();
    await settle();
  };
  return { started, submit, finish, settle, peak: () => peak };
}

describe('ModelSlots: one model budget for trainers and evaluators', () => {
  it('shared (eval_concurrency 0, concurrency 1): one model at a time; a decision eval jumps the training queue', async () => {
    const h = harness(new ModelSlots(1, 0));
    const jobs = [h.submit('train r1', 'train'), h.submit('train r2', 'train'), h.submit('train r3', 'train')];
    await h.settle();
    expect(h.started).toEqual(['train r1']);
    jobs.push(h.submit('rest r1', 'eval'));
    jobs.push(h.submit('decide r1', 'decision-eval'));
    await h.finish('train r1');
    expect(h.started).toEqual(['train r1', 'decide r1']);
    await h.finish('decide r1');
    await h.finish('train r2');
    await h.finish('train r3');
    await h.finish('rest r1');
    await Promise.all(jobs);
    expect(h.started).toEqual(['train r1', 'decide r1', 'train r2', 'train r3', 'rest r1']);
    expect(h.peak()).toBe(1);
  });

  it('eval_concurrency 1: an evaluation runs beside the trainer, never two evaluations', async () => {
    const h = harness(new ModelSlots(1, 1));
    const jobs = [h.submit('train r1', 'train'), h.submit('decide r0', 'decision-eval'), h.submit('rest r0', 'eval')];
    await h.settle();
    expect(h.started).toEqual(['train r1', 'decide r0']);
    await h.finish('decide r0');
    expect(h.started).toEqual(['train r1', 'decide r0', 'rest r0']);
    await h.finish('rest r0');
    await h.finish('train r1');
    await Promise.all(jobs);
    expect(h.peak()).toBe(2);
  });
});
