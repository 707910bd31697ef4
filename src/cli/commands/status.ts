import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

interface StatusArgs {
  study: string;
  output?: string;
  json: boolean;
  watch: boolean;
  interval: number;
}

/** `seedstudy status <study>`: what is done, running, failed and what remains, at a glance. */
export const statusCommand: SeedstudyCommand<StatusArgs> = {
  command: 'status <study>',
  describe: 'Show where each run is, what remains and when the study should end (and the Slurm queue)',
  builder: (y) =>
    withJsonOption(withOutputOption(y))
      .positional('study', {
        type: 'string',
        demandOption: true,
        describe: 'Study file (YAML)',
      })
      .option('watch', {
        type: 'boolean',
        default: false,
        describe: 'Refresh until nothing is left to train or evaluate (Ctrl-C stops watching, not the study)',
      })
      .option('interval', { type: 'number', default: 10, describe: 'Seconds between refreshes with --watch' })
      .check((a) => {
        if (!(typeof a.interval === 'number' && a.interval > 0))
          throw new Error('--interval must be a positive number');
        return true;
      }),
  handler: async (argv) => {
    const { printStatus } = await import('../print-status.js');
    await printStatus({
      studyFile: argv.study,
      output: argv.output,
      json: argv.json,
      watch: argv.watch,
      intervalS: argv.interval,
    });
  },
};
