import type { SeedstudyCommand } from '../command.js';

/** `seedstudy schema`: the study file's JSON Schema, for editor autocompletion and validation. */
export const schemaCommand: SeedstudyCommand<{ history: boolean; suite: boolean }> = {
  command: 'schema',
  describe: 'Print the JSON Schema of study files, history records (--history) or eval suites (--suite), for editors',
  builder: (y) =>
    y
      .option('history', {
        type: 'boolean',
        default: false,
        describe: 'The schema of YAML history records (docs/history-records.md) instead of study files',
      })
      .option('suite', { type: 'boolean', default: false, describe: 'The schema of eval suites (docs/eval-suite.md)' })
      .epilog(
        'Save it (seedstudy schema > study.schema.json) and put this first line in a study file:\n' +
          '  # yaml-language-server: $schema=./study.schema.json\n' +
          'Editors with the YAML language server (VS Code "YAML" extension, Neovim, Helix...) then complete and check keys as you type.',
      ),
  handler: async (argv) => {
    if (argv.suite && argv.history) {
      const { UserError } = await import('../../errors/user-error.js');
      throw new UserError('--history and --suite each choose a schema', { fix: 'give one of them' });
    }
    if (argv.suite) {
      const { suiteJsonSchema } = await import('../../evaluation/suite-json-schema.js');
      console.log(JSON.stringify(suiteJsonSchema(), null, 2));
      return;
    }
    if (argv.history) {
      const { historyJsonSchema } = await import('../../results/history-json-schema.js');
      console.log(JSON.stringify(historyJsonSchema(), null, 2));
      return;
    }
    const { studyJsonSchema } = await import('../../study/json-schema.js');
    console.log(JSON.stringify(studyJsonSchema(), null, 2));
  },
};
