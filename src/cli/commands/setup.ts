import type { SeedstudyCommand } from '../command.js';

/** `seedstudy setup`: creates the project's Python venv with a pinned mlx-lm (idempotent). */
export const setupCommand: SeedstudyCommand = {
  command: 'setup',
  describe: 'Create or update the project Python environment (.venv) with a pinned mlx-lm; safe to re-run',
  builder: (y) => y,
  handler: async () => {
    const { runSetup } = await import('../../engine/setup.js');
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      await runSetup({ signal: controller.signal });
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    console.log('Environment ready; `seedstudy doctor` shows what it contains.');
  },
};
