import type { SeedstudyCommand } from '../command.js';

/** `seedstudy setup`: creates the Python venv with a pinned mlx-lm (idempotent), where resolvePython looks for it. */
export const setupCommand: SeedstudyCommand = {
  command: 'setup',
  describe:
    "Create or update the Python environment with a pinned mlx-lm (a checkout's .venv, else " +
    '~/.local/share/seedstudy/venv); safe to re-run',
  builder: (y) => y,
  handler: async () => {
    const { runSetup } = await import('../../engine/setup.js');
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    let venv: string;
    try {
      venv = await runSetup({ signal: controller.signal });
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    console.log(`Environment ready in ${venv}; \`seedstudy doctor\` shows what it contains.`);
    const override = process.env.SEEDSTUDY_PYTHON;
    if (override) console.log(`Note: SEEDSTUDY_PYTHON is set, so seedstudy uses ${override} instead.`);
  },
};
