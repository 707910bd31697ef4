import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy score`: placeholder until its issue lands. */
export const scoreCommand: SeedstudyCommand = {
  command: 'score',
  describe: '(score: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy score is not implemented yet');
  },
};
