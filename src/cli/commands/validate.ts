import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

/** `seedstudy validate <study>`: the full check of a study file, every problem at once, without writing anything. */
export const validateCommand: SeedstudyCommand<{ study: string; output?: string; json: boolean }> = {
  command: 'validate <study>',
  describe: 'Check a study file (schema, cross-field rules, model, data and eval suite on disk) and list every problem; writes nothing',
  builder: (y) => withJsonOption(withOutputOption(y.positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' }))) as never,
  handler: async (argv) => {
    const { validateStudy } = await import('../../pipeline/validate-study.js');
    const { summarizeStudy, formatStudySummary } = await import('../../study/study-summary.js');
    const study = await validateStudy(argv.study, argv.output === undefined ? {} : { output: argv.output });
    const summary = summarizeStudy(study);
    console.log(argv.json ? JSON.stringify(summary, null, 2) : formatStudySummary(summary));
  },
};
