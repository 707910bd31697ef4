import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

/** `seedstudy validate <study>`: the full check of a study file, every problem at once, without writing anything. */
export const validateCommand: SeedstudyCommand<{ study: string; output?: string; json: boolean }> = {
  command: 'validate <study>',
  describe:
    'Check a study file (schema, cross-field rules, model, data and eval suite on disk) and list every problem; writes nothing',
  builder: (y) =>
    withJsonOption(
      withOutputOption(y.positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })),
    ),
  handler: async (argv) => {
    const { checkStudyAndSuite } = await import('../../pipeline/validate-study.js');
    const { formatBaselineComparability } = await import('../../pipeline/baseline-comparability.js');
    const { summarizeStudy, formatStudySummary } = await import('../../study/study-summary.js');
    const { study, error, baselines } = await checkStudyAndSuite(
      argv.study,
      argv.output === undefined ? {} : { output: argv.output },
    );
    if (error) {
      // The baselines' comparability is a finding about the claims, worth seeing while fixing the problems.
      if (!argv.json && baselines.length) console.log(formatBaselineComparability(baselines).join('\n'));
      throw error;
    }
    const summary = summarizeStudy(study);
    console.log(
      argv.json
        ? JSON.stringify({ ...summary, baselines }, null, 2)
        : [formatStudySummary(summary), ...formatBaselineComparability(baselines)].join('\n'),
    );
  },
};
