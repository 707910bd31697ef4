import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy schema`: placeholder until its issue lands. */
export const schemaCommand: SeedstudyCommand = {
  command: 'schema',
  describe: '(schema: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy schema is not implemented yet');
  },
};
