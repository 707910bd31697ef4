import type { SeedstudyCommand } from '../command.js';
import { withOutputOption } from '../command.js';

interface TaskArgs {
  study: string;
  output?: string;
  runId?: string;
  tasks?: string;
  index?: number;
  eval?: boolean;
}

/**
 * `seedstudy task <study> --run-id ID` (hidden): what a Slurm array task runs on its node. Trains
 * one run, then evaluates it; exit 0 when both succeeded, 1 on failure, 130 when interrupted
 * (SIGTERM from a time limit or scancel is caught so the run is recorded as interrupted).
 */
export const taskCommand: SeedstudyCommand<TaskArgs> = {
  command: 'task <study>',
  // yargs hides a command whose description is false; users never call this one themselves.
  describe: false as unknown as string,
  builder: (y) =>
    withOutputOption(y)
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('run-id', { type: 'string', describe: 'The run to train and evaluate' })
      .option('tasks', { type: 'string', describe: 'Batch manifest (tasks.json) mapping array indices to runs' })
      .option('index', { type: 'number', describe: 'Array index in the manifest ($SLURM_ARRAY_TASK_ID)' })
      .option('eval', {
        type: 'boolean',
        describe: 'Evaluate after training (default: as the manifest says, else yes)',
      }),
  handler: async (argv) => {
    const { runTaskCommand } = await import('../../pipeline/run-task.js');
    const controller = new AbortController();
    const stop = (sig: NodeJS.Signals) => {
      process.stdout.write(`seedstudy task: received ${sig}, stopping and recording the run as interrupted\n`);
      controller.abort();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    const line = (text: string) => process.stdout.write(`[${new Date().toISOString()}] ${text}\n`);
    const record = await runTaskCommand({
      studyFile: argv.study,
      output: argv.output,
      runId: argv.runId,
      tasks: argv.tasks,
      index: argv.index,
      evaluate: argv.eval,
      signal: controller.signal,
      onProgress: line,
      onEvent: (e) => {
        if (e.type === 'run-start')
          line(`training ${e.run.arm} seed ${e.run.seed} (attempt ${e.attempt}), log ${e.logPath}`);
        else if (e.type === 'run-checkpoint') line(`checkpoint step ${e.step}`);
        else if (e.type === 'run-end')
          line(`training ${e.record.status}${e.record.failureReason ? `: ${e.record.failureReason}` : ''}`);
      },
    });
    line(
      `task ${record.status}: train ${record.train}, eval ${record.eval}${record.reason ? ` (${record.reason})` : ''} in ${record.durationS}s`,
    );
    process.exitCode = record.status === 'succeeded' ? 0 : record.status === 'interrupted' ? 130 : 1;
  },
};
