import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy reproduce`: placeholder until its issue lands. */
export const reproduceCommand: SeedstudyCommand = {
  command: 'reproduce',
  describe: '(reproduce: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy reproduce is not implemented yet');
  },
};
