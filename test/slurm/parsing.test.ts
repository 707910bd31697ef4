import { describe, expect, it } from 'vitest';
import { parseSqueueOutput } from '../../src/launch/slurm/squeue.js';
import { parseJobcompLog, parseSacctOutput } from '../../src/launch/slurm/finished-jobs.js';
import { accountingFromConfig, parseScontrolConfig } from '../../src/launch/slurm/slurm-config.js';
import { formatArrayIndices, parseTaskIds } from '../../src/launch/slurm/task-state.js';
import { decodeExitPair, decodeWaitStatus, isFinalSlurmState } from '../../src/launch/slurm/slurm-states.js';
import { parseSbatchParsable } from '../../src/launch/slurm/sbatch-args.js';

// Recorded from Slurm 22.05.8 (Debian bookworm):
// squeue -h -r -t all -O 'JobArrayID:|,State:|,exit_code:|,Reason:|,TimeLimit:|'
const SQUEUE = [
  '1_5|PENDING|0|JobArrayTaskLimit|UNLIMITED|',
  '1_2|RUNNING|0|None|1:00|',
  '1_0|COMPLETED|0|None|UNLIMITED|',
  '10_1|FAILED|256|NonZeroExitCode|UNLIMITED|',
  '13|FAILED|9|JobLaunchFailure|UNLIMITED|',
  '15_3|TIMEOUT|15|TimeLimit|1:00|',
  '2_[4-6%2]|PENDING|0|JobHeldUser|UNLIMITED|',
  'garbage line',
  '',
].join('\n');

describe('squeue output', () => {
  const rows = parseSqueueOutput(SQUEUE);
  it('reads one record per task, expanding bracketed pending ranges', () => {
    expect(rows.map((r) => r.id)).toEqual(['1_5', '1_2', '1_0', '10_1', '13', '15_3', '2_4', '2_5', '2_6']);
  });
  it('decodes the raw wait status into exit code and signal', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('10_1')).toMatchObject({ state: 'FAILED', exitCode: 1, signal: 0, reason: 'NonZeroExitCode' });
    expect(byId.get('13')).toMatchObject({ jobId: '13', arrayTaskId: null, exitCode: 0, signal: 9 });
    expect(byId.get('15_3')).toMatchObject({ state: 'TIMEOUT', timeLimit: '1:00', jobId: '15', arrayTaskId: 3 });
    expect(byId.get('1_2')!.reason).toBeNull();
    expect(byId.get('2_5')).toMatchObject({ state: 'PENDING', reason: 'JobHeldUser' });
  });
});

describe('sacct and jobcomp', () => {
  it('parses sacct -P lines, with "CANCELLED by 0"', () => {
    const rows = parseSacctOutput('12_0|COMPLETED|0:0|None|01:00:00\n12_1|CANCELLED by 0|0:15|None|01:00:00\n');
    expect(rows).toMatchObject([
      { id: '12_0', state: 'COMPLETED', exitCode: 0, signal: 0 },
      { id: '12_1', state: 'CANCELLED', exitCode: 0, signal: 15 },
    ]);
  });
  it('parses jobcomp/filetxt lines, by array id, and the one line of a wholly pending cancelled array', () => {
    const log = [
      'JobId=21 UserId=root(0) GroupId=root(0) Name=wrap JobState=FAILED Partition=debug TimeLimit=UNLIMITED StartTime=2026-01-01T00:00:00 EndTime=2026-01-01T00:00:01 NodeList=vm NodeCnt=1 ProcCnt=1 WorkDir=/tmp ReservationName= Tres=cpu=1 Account= QOS= WcKey= Cluster=ci SubmitTime=x EligibleTime=x ArrayJobId=18 ArrayTaskId=1 DerivedExitCode=0:0 ExitCode=1:0',
      'JobId=19 UserId=root(0) GroupId=root(0) Name=wrap JobState=CANCELLED Partition=debug TimeLimit=1 ExitCode=0:0',
    ].join('\n');
    expect(parseJobcompLog(log)).toMatchObject([
      { id: '18_1', jobId: '18', arrayTaskId: 1, state: 'FAILED', exitCode: 1, signal: 0 },
      { id: '19', jobId: '19', arrayTaskId: null, state: 'CANCELLED' },
    ]);
  });
  it('tells from scontrol show config whether sacct works and where the jobcomp log is', () => {
    const cfg = parseScontrolConfig(
      'AccountingStorageType   = accounting_storage/none\nJobCompLoc              = /var/lib/slurm-local/log/jobcomp.txt\nJobCompType             = jobcomp/filetxt\nMinJobAge               = 86400 sec\n',
    );
    expect(accountingFromConfig(cfg)).toEqual({
      accounting: false,
      jobcompFile: '/var/lib/slurm-local/log/jobcomp.txt',
      minJobAgeS: 86400,
    });
    expect(
      accountingFromConfig(
        parseScontrolConfig('AccountingStorageType = accounting_storage/slurmdbd\nJobCompType = jobcomp/none'),
      ),
    ).toMatchObject({ accounting: true, jobcompFile: null });
  });
});

describe('ids, codes and states', () => {
  it('compacts array indices', () => {
    expect(formatArrayIndices([5, 0, 1, 2, 3, 7, 8, 3])).toBe('0-3,5,7-8');
    expect(formatArrayIndices([4])).toBe('4');
  });
  it('expands task id forms', () => {
    expect(parseTaskIds('7')).toEqual([{ jobId: '7', arrayTaskId: null }]);
    expect(parseTaskIds('7_[0-4:2]')).toEqual([0, 2, 4].map((i) => ({ jobId: '7', arrayTaskId: i })));
    expect(parseTaskIds('nope')).toEqual([]);
  });
  it('decodes exit codes', () => {
    expect(decodeWaitStatus(768)).toEqual({ exitCode: 3, signal: 0 });
    expect(decodeWaitStatus(15)).toEqual({ exitCode: 0, signal: 15 });
    expect(decodeExitPair('3:0')).toEqual({ exitCode: 3, signal: 0 });
  });
  it('knows final from active states, treating unknown states as active', () => {
    for (const s of [
      'COMPLETED',
      'FAILED',
      'CANCELLED',
      'TIMEOUT',
      'NODE_FAIL',
      'OUT_OF_MEMORY',
      'PREEMPTED',
      'BOOT_FAIL',
      'DEADLINE',
      'CANCELLED by 0',
    ]) {
      expect(isFinalSlurmState(s)).toBe(true);
    }
    for (const s of ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'SUSPENDED', 'REQUEUED', 'SOMETHING_NEW'])
      expect(isFinalSlurmState(s)).toBe(false);
  });
  it('reads sbatch --parsable output', () => {
    expect(parseSbatchParsable('42\n')).toBe('42');
    expect(parseSbatchParsable('42;cluster1')).toBe('42');
    expect(parseSbatchParsable('sbatch: error')).toBeUndefined();
  });
});
