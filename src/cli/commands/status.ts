import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy status`: placeholder until its issue lands. */
export const statusCommand: SeedstudyCommand = {
  command: 'status',
  describe: '(status: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy status is not implemented yet');
  },
};
