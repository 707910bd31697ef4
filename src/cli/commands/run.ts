import type { SeedstudyCommand } from '../command.js';
import { withOutputOption } from '../command.js';

interface RunArgs {
  study: string;
  output?: string;
  to?: string;
  concurrency?: number;
  detach: boolean;
  reportEvery?: string;
  forceRedesign?: boolean;
}

/** `seedstudy run <study>`: the whole pipeline, resumable at every stage. */
export const runCommand: SeedstudyCommand<RunArgs> = {
  command: 'run <study>',
  describe: 'Plan → train → evaluate every checkpoint → score → analyze → report; re-running resumes',
  builder: (y) =>
    withOutputOption(y)
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('to', { type: 'string', describe: 'Report directory (default reports/<study name>/)' })
      .option('concurrency', { type: 'number', describe: 'Runs trained at once (local executor)' })
      .option('detach', {
        type: 'boolean',
        default: false,
        describe: 'Slurm: submit and return; re-run later to collect',
      })
      .option('force-redesign', {
        type: 'boolean',
        describe:
          'Sequential study: continue although the design changed after the first look (recorded in sequential.json; editing a pre-registered design after looking is p-hacking)',
      })
      .option('report-every', {
        type: 'string',
        describe:
          'Also write the (partial) report this often while the study runs, e.g. 10m, so a browser tab stays current',
      }),
  handler: async (argv) => {
    const { runStudyCommand } = await import('../print-run.js');
    process.exitCode = await runStudyCommand({
      studyFile: argv.study,
      output: argv.output,
      to: argv.to,
      concurrency: argv.concurrency,
      detach: argv.detach,
      reportEvery: argv.reportEvery,
      forceRedesign: argv.forceRedesign,
    });
  },
};
