import { describe, expect, it } from 'vitest';
import { batchScript, shellQuote } from '../../src/launch/slurm/batch-script.js';
import { sbatchArgs } from '../../src/launch/slurm/sbatch-args.js';
import { nodeCommand } from '../../src/launch/slurm/node-command.js';
import { slurmExecutorSchema } from '../../src/study/schema.js';

const executor = slurmExecutorSchema.parse({
  kind: 'slurm',
  concurrency: 3,
  partition: 'gpu',
  time: '02:00:00',
  cpus_per_task: 8,
  mem: '64G',
  gres: 'gpu:1',
  account: 'lab',
  qos: 'normal',
  extra_args: ['--constraint=a100'],
  setup: ['module load cuda'],
});

describe('sbatch arguments', () => {
  it('submits one held, throttled array with per-task logs and every resource setting', () => {
    const args = sbatchArgs(executor, {
      indices: [0, 1, 2, 3],
      jobName: 'seedstudy-s-batch-0001',
      logPattern: '/o/slurm/batch-0001/task-%A_%a.log',
      chdir: '/o/slurm/batch-0001',
      script: '/o/slurm/batch-0001/job.sh',
      hold: true,
    });
    expect(args).toEqual([
      '--parsable',
      '--hold',
      '--job-name=seedstudy-s-batch-0001',
      '--array=0-3%3',
      '--output=/o/slurm/batch-0001/task-%A_%a.log',
      '--open-mode=append',
      '--chdir=/o/slurm/batch-0001',
      '--partition=gpu',
      '--time=02:00:00',
      '--cpus-per-task=8',
      '--mem=64G',
      '--gres=gpu:1',
      '--account=lab',
      '--qos=normal',
      '--constraint=a100',
      '/o/slurm/batch-0001/job.sh',
    ]);
  });
  it('leaves out what the study does not set', () => {
    const minimal = slurmExecutorSchema.parse({ kind: 'slurm' });
    const args = sbatchArgs(minimal, {
      indices: [0],
      jobName: 'j',
      logPattern: 'l',
      chdir: 'd',
      script: 's',
      hold: false,
    });
    expect(args).toEqual([
      '--parsable',
      '--job-name=j',
      '--array=0%4',
      '--output=l',
      '--open-mode=append',
      '--chdir=d',
      's',
    ]);
  });
});

describe('executor block validation', () => {
  it('refuses options seedstudy sets itself, and malformed time/mem', () => {
    expect(slurmExecutorSchema.safeParse({ kind: 'slurm', extra_args: ['--array=0-3'] }).success).toBe(false);
    expect(slurmExecutorSchema.safeParse({ kind: 'slurm', extra_args: ['--output', 'x'] }).success).toBe(false);
    expect(slurmExecutorSchema.safeParse({ kind: 'slurm', time: '2 hours' }).success).toBe(false);
    expect(slurmExecutorSchema.safeParse({ kind: 'slurm', mem: 'lots' }).success).toBe(false);
    for (const time of ['30', '30:00', '02:00:00', '1-00', '1-12:00', '1-12:00:00'])
      expect(slurmExecutorSchema.safeParse({ kind: 'slurm', time }).success, time).toBe(true);
  });
});

describe('batch script', () => {
  it('runs seedstudy task for $SLURM_ARRAY_TASK_ID from the manifest, after the setup lines, with exec', () => {
    const text = batchScript({
      studyName: 's',
      batch: 'batch-0001',
      nodeCommand: ['/usr/bin/node', '/opt/seed study/bin/seedstudy.js'],
      studyFile: '/p/study.yaml',
      outputDir: '/p/runs/s',
      manifest: '/p/runs/s/slurm/batch-0001/tasks.json',
      setup: ['module load cuda'],
      sbatchArgs: ['--array=0-1%2'],
    });
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    expect(text).toContain('\nmodule load cuda\n');
    expect(text).toContain(
      `exec /usr/bin/node '/opt/seed study/bin/seedstudy.js' task /p/study.yaml --output /p/runs/s --tasks /p/runs/s/slurm/batch-0001/tasks.json --index "$SLURM_ARRAY_TASK_ID"\n`,
    );
    expect(text.indexOf('module load cuda')).toBeLessThan(text.indexOf('exec '));
  });
  it('quotes for bash', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('/a/b-c_d.js')).toBe('/a/b-c_d.js');
  });
  it('defaults the node command to this node and this installation, node_command overrides', () => {
    const [node, cli] = nodeCommand({});
    expect(node).toBe(process.execPath);
    expect(cli).toMatch(/\/bin\/seedstudy\.js$/);
    expect(nodeCommand({ node_command: ['seedstudy'] })).toEqual(['seedstudy']);
  });
});
