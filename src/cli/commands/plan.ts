import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy plan`: placeholder until its issue lands. */
export const planCommand: SeedstudyCommand = {
  command: 'plan',
  describe: '(plan: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy plan is not implemented yet');
  },
};
