import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

/** `seedstudy validate <study>`: the full check of a study file, without writing anything. */
export const validateCommand: SeedstudyCommand<{ study: string; output?: string; json: boolean }> = {
  command: 'validate <study>',
  describe: 'Check a study file (schema, cross-field rules, model and data on disk); writes nothing',
  builder: (y) => withJsonOption(withOutputOption(y.positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' }))) as never,
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { summarizeStudy, formatStudySummary } = await import('../../study/study-summary.js');
    const summary = summarizeStudy(await loadStudy(argv.study, argv.output === undefined ? {} : { output: argv.output }));
    console.log(argv.json ? JSON.stringify(summary, null, 2) : formatStudySummary(summary));
  },
};
