import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy setup`: placeholder until its issue lands. */
export const setupCommand: SeedstudyCommand = {
  command: 'setup',
  describe: '(setup: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy setup is not implemented yet');
  },
};
