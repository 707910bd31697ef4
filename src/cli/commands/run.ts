import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy run`: placeholder until its issue lands. */
export const runCommand: SeedstudyCommand = {
  command: 'run',
  describe: '(run: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy run is not implemented yet');
  },
};
