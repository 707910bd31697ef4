import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy train`: placeholder until its issue lands. */
export const trainCommand: SeedstudyCommand = {
  command: 'train',
  describe: '(train: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy train is not implemented yet');
  },
};
