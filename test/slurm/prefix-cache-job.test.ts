import { describe, expect, it } from 'vitest';
import { prefixCacheJobScript } from '../../src/launch/slurm/prefix-cache-job.js';
import { sbatchArgs, sbatchJobArgs } from '../../src/launch/slurm/sbatch-args.js';
import { slurmExecutorSchema } from '../../src/study/schema.js';

const executor = slurmExecutorSchema.parse({
  kind: 'slurm',
  trainer: 'prefix-cache',
  concurrency: 2,
  partition: 'gpu',
  mem: '64G',
  extra_args: ['--constraint=a100'],
  setup: ['module load cuda'],
});

describe('Slurm with the prefix-cache trainer', () => {
  it('makes the array wait for the cache job (afterok) and cancels it if the build fails', () => {
    const args = sbatchArgs(executor, {
      indices: [0, 1],
      jobName: 'seedstudy-s-batch-0001',
      logPattern: '/o/log-%A_%a',
      chdir: '/o',
      script: '/o/job.sh',
      hold: true,
      afterOk: '4242',
    });
    expect(args.slice(0, 9)).toEqual([
      '--parsable',
      '--hold',
      '--job-name=seedstudy-s-batch-0001',
      '--array=0-1%2',
      '--output=/o/log-%A_%a',
      '--open-mode=append',
      '--chdir=/o',
      '--dependency=afterok:4242',
      '--kill-on-invalid-dep=yes',
    ]);
  });

  it('submits the build as one plain job with the executor resources', () => {
    const args = sbatchJobArgs(executor, {
      jobName: 'seedstudy-s-prefix-cache',
      logFile: '/o/b-%j.log',
      chdir: '/o',
      script: '/o/b.sh',
    });
    expect(args).toEqual([
      '--parsable',
      '--job-name=seedstudy-s-prefix-cache',
      '--output=/o/b-%j.log',
      '--open-mode=append',
      '--chdir=/o',
      '--partition=gpu',
      '--mem=64G',
      '--constraint=a100',
      '/o/b.sh',
    ]);
  });

  it('builds every cache in one script that fails on the first failure', () => {
    const script = prefixCacheJobScript(
      's',
      ['module load cuda'],
      [
        [
          '/v/python',
          '/i/scripts/prefix_cache_trainer.py',
          'build',
          '--cache',
          '/o/prefix-cache/ab',
          '--config',
          '/o/prefix-cache/ab/cache-config.yaml',
        ],
        [
          '/v/python',
          '/i/scripts/prefix_cache_trainer.py',
          'build',
          '--cache',
          '/o/my caches/cd',
          '--config',
          'c.yaml',
        ],
      ],
    );
    const lines = script.split('\n');
    expect(lines).toContain('set -eo pipefail');
    expect(lines.indexOf('module load cuda')).toBeLessThan(lines.findIndex((l) => l.includes('build')));
    expect(lines).toContain(
      "/v/python /i/scripts/prefix_cache_trainer.py build --cache '/o/my caches/cd' --config c.yaml",
    );
  });
});
