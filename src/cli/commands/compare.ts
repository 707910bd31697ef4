import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy compare`: placeholder until its issue lands. */
export const compareCommand: SeedstudyCommand = {
  command: 'compare',
  describe: '(compare: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy compare is not implemented yet');
  },
};
