import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { reportFailure } from './report-failure.js';

/** Entry point of the `seedstudy` executable. */
export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  let cli = yargs(argv)
    .scriptName('seedstudy')
    .usage('$0 <command> [options]\n\nMulti-seed variance studies of MLX LoRA fine-tuning.')
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`${msg}\n\nRun with --help for usage.\n`);
      process.exit(2);
    });
  for (const command of commands) cli = cli.command(command as never);
  try {
    await cli.parseAsync();
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
