import { describe, expect, it } from 'vitest';
import { mapFinalState } from '../../src/launch/slurm/map-final-state.js';

const t = (state: string, extra: Partial<{ exitCode: number; signal: number; timeLimit: string }> = {}) => ({
  state,
  exitCode: extra.exitCode ?? 0,
  signal: extra.signal ?? 0,
  timeLimit: extra.timeLimit ?? null,
});

describe('final Slurm state -> run outcome', () => {
  it('maps every final state to a status with a reason', () => {
    const cases: Array<[string, string, RegExp | null]> = [
      ['COMPLETED', 'succeeded', null],
      ['FAILED', 'failed', /exit(ed)? with code 3/],
      ['CANCELLED', 'interrupted', /cancelled/],
      ['TIMEOUT', 'failed', /hit the Slurm time limit \(time=00:01:00\)/],
      ['NODE_FAIL', 'failed', /NODE_FAIL/],
      ['OUT_OF_MEMORY', 'failed', /memory limit \(mem=4G\)/],
      ['PREEMPTED', 'interrupted', /preempted.*resubmitted/],
      ['BOOT_FAIL', 'failed', /BOOT_FAIL/],
      ['DEADLINE', 'failed', /DEADLINE/],
    ];
    for (const [state, status, reason] of cases) {
      const v = mapFinalState(t(state, { exitCode: 3 }), { time: '00:01:00', mem: '4G' });
      expect(v.status, state).toBe(status);
      if (reason) expect(v.reason, state).toMatch(reason);
      else expect(v.reason).toBeNull();
    }
  });
  it('flags time limits and cancellations, and prefers the limit Slurm enforced', () => {
    expect(mapFinalState(t('TIMEOUT', { timeLimit: '1:00' }), { time: '02:00:00' })).toMatchObject({
      timedOut: true,
      reason: expect.stringContaining('time=1:00') as unknown,
    });
    expect(mapFinalState(t('CANCELLED'))).toMatchObject({ cancelled: true, killedBySlurm: true });
    expect(mapFinalState(t('FAILED', { signal: 9 })).reason).toMatch(/killed \(often out of memory\)/);
    expect(mapFinalState(t('COMPLETED')).killedBySlurm).toBe(false);
  });
});
