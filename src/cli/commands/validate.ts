import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy validate`: placeholder until its issue lands. */
export const validateCommand: SeedstudyCommand = {
  command: 'validate',
  describe: '(validate: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy validate is not implemented yet');
  },
};
