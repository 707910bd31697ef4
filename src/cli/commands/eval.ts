import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy eval`: placeholder until its issue lands. */
export const evalCommand: SeedstudyCommand = {
  command: 'eval',
  describe: '(eval: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy eval is not implemented yet');
  },
};
