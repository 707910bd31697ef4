import { describe, expect, it } from 'vitest';
import { decisionStep } from '../../src/evaluation/decision-step.js';
import type { CheckpointTarget } from '../../src/evaluation/write-checkpoint-eval.js';
import { orderTargets } from '../../src/pipeline/eval-order.js';

const steps = (...s: number[]) => s.map((step) => ({ step }));
const target = (step: number): CheckpointTarget => ({
  runId: 'r',
  arm: 'a',
  seed: 0,
  step,
  file: step ? `f${step}` : null,
  sha256: step ? `s${step}` : null,
  identity: `i${step}`,
  dir: `d${step}`,
});

describe('decisionStep: the checkpoint the pre-registered policy scores a run at', () => {
  it('final is the last saved step whatever the order; step=N is N only if it was saved', () => {
    expect(decisionStep('final', steps(40, 10, 30))).toBe(40);
    expect(decisionStep('step=30', steps(10, 30, 40))).toBe(30);
    expect(decisionStep('step=20', steps(10, 30, 40))).toBeUndefined();
    expect(decisionStep('final', [])).toBeUndefined();
  });

  it('best-val needs every loss; it takes the lowest, the earliest on ties, and final when none has a loss', () => {
    const all = new Map([
      [10, 2.0],
      [20, 1.5],
      [30, 1.5],
      [40, 1.9],
    ]);
    expect(decisionStep('best-val', steps(10, 20, 30, 40), all)).toBe(20);
    expect(decisionStep('best-val', steps(10, 20, 30, 40), new Map([[10, 1]]))).toBeUndefined();
    expect(decisionStep('best-val', steps(10, 20))).toBeUndefined();
    const none = new Map<number, number | null>([
      [10, null],
      [20, null],
    ]);
    expect(decisionStep('best-val', steps(10, 20), none)).toBe(20);
  });
});

describe('orderTargets: the decision checkpoint first, then the base, then the rest by step', () => {
  const cps = [target(30), target(10), target(20)];
  const base = target(0);
  const order = (phase: 'all' | 'decision' | 'rest', decision: number | undefined) =>
    orderTargets(cps, base, decision, phase).map((t) => t.step);

  it('splits a run into a decision phase and the rest, which together are all of it, once each', () => {
    expect(order('all', 20)).toEqual([20, 0, 10, 30]);
    expect(order('decision', 20)).toEqual([20]);
    expect(order('rest', 20)).toEqual([0, 10, 30]);
  });

  it('an unknown decision puts every checkpoint in the decision phase and leaves the base for the rest', () => {
    expect(order('decision', undefined)).toEqual([10, 20, 30]);
    expect(order('rest', undefined)).toEqual([0]);
    expect(orderTargets(cps, undefined, 30, 'rest').map((t) => t.step)).toEqual([10, 20]);
  });
});
