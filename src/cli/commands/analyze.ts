import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy analyze`: placeholder until its issue lands. */
export const analyzeCommand: SeedstudyCommand = {
  command: 'analyze',
  describe: '(analyze: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy analyze is not implemented yet');
  },
};
