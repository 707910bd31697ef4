import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

/** `seedstudy validate <study>`: the full check of a study file, without writing anything. */
export const validateCommand: SeedstudyCommand<{ study: string; output?: string; json: boolean }> = {
  command: 'validate <study>',
  describe: 'Check a study file (schema, cross-field rules, model, data and eval suite on disk); writes nothing',
  builder: (y) => withJsonOption(withOutputOption(y.positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' }))) as never,
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { summarizeStudy, formatStudySummary } = await import('../../study/study-summary.js');
    const { loadSuite } = await import('../../evaluation/load-suite.js');
    const study = await loadStudy(argv.study, argv.output === undefined ? {} : { output: argv.output });
    // The suite's own content (ids, scorer fields) is validated too, so a bad prompt fails here, not mid-eval.
    await loadSuite(study.suitePath, study.eval.max_tokens);
    const summary = summarizeStudy(study);
    console.log(argv.json ? JSON.stringify(summary, null, 2) : formatStudySummary(summary));
  },
};
