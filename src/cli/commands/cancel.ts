import type { SeedstudyCommand } from '../command.js';
import { withOutputOption } from '../command.js';

interface CancelArgs {
  study: string;
  output?: string;
}

/** `seedstudy cancel <study>`: cancels the study's queued and running Slurm tasks and records them as interrupted. */
export const cancelCommand: SeedstudyCommand<CancelArgs> = {
  command: 'cancel <study>',
  describe: "Cancel the study's queued and running Slurm tasks (re-running resubmits them)",
  builder: (y) =>
    withOutputOption(y).positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' }),
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { cancelStudy } = await import('../../pipeline/cancel-study.js');
    const study = await loadStudy(argv.study, argv.output !== undefined ? { output: argv.output } : {});
    const result = await cancelStudy(study);
    const out = process.stdout;
    if (result.cancelled.length === 0) out.write('nothing queued or running for this study\n');
    else out.write(`cancelled ${result.cancelled.length} task(s): ${result.cancelled.join(' ')}\n`);
    if (result.watched) {
      out.write('another seedstudy is watching this study; it records the cancelled runs as interrupted\n');
    } else if (result.recorded.length > 0) {
      out.write(`recorded ${result.recorded.length} run(s) as ended; re-run the study to resubmit what is missing\n`);
    }
    if (result.stillEnding.length > 0) {
      out.write(`still ending: ${result.stillEnding.join(' ')} (the next run records them)\n`);
    }
  },
};
