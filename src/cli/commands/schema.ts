import type { SeedstudyCommand } from '../command.js';

/** `seedstudy schema`: the study file's JSON Schema, for editor autocompletion and validation. */
export const schemaCommand: SeedstudyCommand = {
  command: 'schema',
  describe: 'Print the JSON Schema of study files (for editor autocompletion)',
  builder: (y) =>
    y.epilog(
      'Save it (seedstudy schema > study.schema.json) and put this first line in a study file:\n' +
        '  # yaml-language-server: $schema=./study.schema.json\n' +
        'Editors with the YAML language server (VS Code "YAML" extension, Neovim, Helix...) then complete and check keys as you type.',
    ),
  handler: async () => {
    const { studyJsonSchema } = await import('../../study/json-schema.js');
    console.log(JSON.stringify(studyJsonSchema(), null, 2));
  },
};
