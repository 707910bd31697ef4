import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

interface StatusArgs {
  study: string;
  output?: string;
  json: boolean;
}

/** `seedstudy status <study>`: what is done, running, failed and what remains, at a glance. */
export const statusCommand: SeedstudyCommand<StatusArgs> = {
  command: 'status <study>',
  describe: 'Show what is trained, evaluated, running, failed and what remains (and the Slurm queue)',
  builder: (y) =>
    withJsonOption(withOutputOption(y)).positional('study', {
      type: 'string',
      demandOption: true,
      describe: 'Study file (YAML)',
    }),
  handler: async (argv) => {
    const { printStatus } = await import('../print-status.js');
    await printStatus(argv.study, argv.output, argv.json);
  },
};
