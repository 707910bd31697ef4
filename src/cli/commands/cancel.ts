import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy cancel`: placeholder until its issue lands. */
export const cancelCommand: SeedstudyCommand = {
  command: 'cancel',
  describe: '(cancel: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy cancel is not implemented yet');
  },
};
