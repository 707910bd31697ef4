import type { SeedstudyCommand } from '../command.js';

/** `seedstudy init --from lora_config.yaml`: start a study from the mlx-lm config the user already has. */
export const initCommand: SeedstudyCommand<{ from: string; seeds: number; suite?: string }> = {
  command: 'init',
  describe:
    'Write a commented study (to stdout) that trains what an existing `mlx_lm lora` config trains, once per seed',
  builder: (y) =>
    y
      .option('from', {
        type: 'string',
        demandOption: true,
        describe: 'The mlx-lm YAML config (`mlx_lm lora --config FILE`)',
      })
      .option('seeds', { type: 'number', default: 8, describe: "Number of seeds, starting at the config's `seed`" })
      .option('suite', { type: 'string', describe: 'Eval suite file for `eval.suite` (relative to the study file)' })
      .check((argv) => {
        if (!Number.isInteger(argv.seeds) || argv.seeds < 1) throw new Error('--seeds must be a positive integer');
        return true;
      })
      .example('$0 init --from lora_config.yaml --suite evals/suite.yaml > study.yaml', ''),
  handler: async (argv) => {
    const { initStudyText } = await import('../../study/init-study.js');
    const options = { from: argv.from, seeds: argv.seeds, ...(argv.suite === undefined ? {} : { suite: argv.suite }) };
    process.stdout.write(await initStudyText(options));
  },
};
