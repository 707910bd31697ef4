import { configDefaults, defineConfig } from 'vitest/config';

// Test tiers, chosen by file name. A test that needs the project venv (Python, mlx-lm, the tiny model
// under .cache/) is `*.real.test.ts`, one that needs Chromium `*.browser.test.ts`, one that needs Slurm
// `*.slurm.test.ts`, one that mounts a tmpfs to fill a disk (root) `*.faults.test.ts`. `*.e2e.test.ts`
// needs none of these but runs seedstudy as child processes (the CLI, whole stages with the fake trainer
// and worker, npm pack) and waits on them (watchdog kills, graceful stops): seconds each, minutes together. Every other
// test is the unit tier (`npm run test:unit`, i.e. `--project unit`), which must pass in well under 30 s
// on a machine with none of the tools; `npm run test:e2e` runs the end-to-end tier alone. `npm test` runs every tier.
// test:unit adds --no-isolate (one module graph per worker instead of one per file: about a third less
// CPU, so unit tests must not leak state between files) and --maxWorkers=2 (the default is one worker on
// 2 cores, which then sits idle while a test waits for its child processes).
const TIERS = {
  real: '**/*.real.test.ts',
  browser: '**/*.browser.test.ts',
  slurm: '**/*.slurm.test.ts',
  faults: '**/*.faults.test.ts',
  e2e: '**/*.e2e.test.ts',
};
const ALL = ['test/**/*.test.ts', 'src/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ALL, exclude: [...configDefaults.exclude, ...Object.values(TIERS)] },
      },
      ...Object.entries(TIERS).map(([name, glob]) => ({ extends: true as const, test: { name, include: [glob] } })),
    ],
  },
});
