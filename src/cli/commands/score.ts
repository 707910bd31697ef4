import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

interface ScoreArgs {
  study: string;
  output?: string;
  onlyArm?: string;
  json: boolean;
}

/** `seedstudy score <study>`: re-scores stored generations with the current scorer, without generating. */
export const scoreCommand: SeedstudyCommand<ScoreArgs> = {
  command: 'score <study>',
  describe: "Re-score stored generations with the study's current scorer (no generation)",
  builder: (y) =>
    withJsonOption(withOutputOption(y))
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('only-arm', { type: 'string', describe: 'Score only this arm' }),
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { scoreStudy } = await import('../../pipeline/score-study.js');
    const study = await loadStudy(argv.study, argv.output !== undefined ? { output: argv.output } : {});
    const summary = await scoreStudy(study, {
      ...(argv.onlyArm !== undefined ? { onlyArm: argv.onlyArm } : {}),
      ...(argv.json ? {} : { onProgress: (m: string) => console.error(m) }),
    });
    if (argv.json) return console.log(JSON.stringify(summary, null, 2));
    const { printIntegrityProblems } = await import('../print-integrity.js');
    printIntegrityProblems(summary.problems);
    const { scores, checkpoints, observations } = summary;
    console.log(`scored ${scores} generation(s) in ${checkpoints} checkpoint(s); ${observations} observations`);
  },
};
