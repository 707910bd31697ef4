import type { Argv, ArgumentsCamelCase } from 'yargs';

/**
 * A CLI command. Command modules must stay light (only this type and yargs at import
 * time) and load their pipeline with a dynamic import in `handler`, so that
 * `seedstudy --help` starts instantly.
 */
export interface SeedstudyCommand<A = unknown> {
  command: string | string[];
  describe: string;
  builder: (yargs: Argv) => Argv<A>;
  handler: (argv: ArgumentsCamelCase<A>) => Promise<void>;
}

/** Options every command that reads or writes runs accepts. */
export function withOutputOption<T>(yargs: Argv<T>) {
  return yargs.option('output', {
    type: 'string',
    describe: "Output directory (overrides the study file's `output` and the default runs/<name>/)",
  });
}

/** Adds `--json` for commands that print data. */
export function withJsonOption<T>(yargs: Argv<T>) {
  return yargs.option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON' });
}
