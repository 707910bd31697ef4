import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy report`: placeholder until its issue lands. */
export const reportCommand: SeedstudyCommand = {
  command: 'report',
  describe: '(report: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy report is not implemented yet');
  },
};
