import type { SeedstudyCommand } from '../command.js';
import { withOutputOption } from '../command.js';

interface TrainArgs {
  study: string;
  output?: string;
  concurrency?: number;
  onlyArm?: string;
  python?: string;
  force?: boolean;
  detach?: boolean;
  allSeeds?: boolean;
}

/** `seedstudy train <study>`: trains every planned (arm, seed) run with `mlx_lm lora`, resuming safely. */
export const trainCommand: SeedstudyCommand<TrainArgs> = {
  command: 'train <study>',
  describe: 'Train every (arm, seed) run with mlx_lm lora; re-running resumes (succeeded runs are kept)',
  builder: (y) =>
    withOutputOption(y)
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('concurrency', { type: 'number', describe: 'Runs trained at once (default: executor.concurrency, 1)' })
      .option('only-arm', { type: 'string', describe: 'Train only this arm' })
      .option('detach', {
        type: 'boolean',
        default: false,
        describe: 'Slurm: submit (or re-attach) and return at once',
      })
      .option('python', {
        type: 'string',
        describe: 'Python interpreter with mlx-lm (default: engine.python or the project venv)',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Retrain succeeded runs too, from scratch' })
      .option('all-seeds', {
        type: 'boolean',
        default: false,
        describe: 'With a sequential design: train every seed up front (seedstudy run trains one look at a time)',
      }),
  handler: async (argv) => {
    const { runTrain } = await import('../print-train.js');
    process.exitCode = await runTrain({
      studyFile: argv.study,
      ...(argv.output !== undefined && { output: argv.output }),
      ...(argv.concurrency !== undefined && { concurrency: argv.concurrency }),
      ...(argv.onlyArm !== undefined && { onlyArm: argv.onlyArm }),
      ...(argv.python !== undefined && { python: argv.python }),
      detach: argv.detach,
      ...(argv.force && { force: true }),
      ...(argv.allSeeds && { allSeeds: true }),
    });
  },
};
