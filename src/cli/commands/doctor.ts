import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';

/** `seedstudy doctor`: placeholder until its issue lands. */
export const doctorCommand: SeedstudyCommand = {
  command: 'doctor',
  describe: '(doctor: not implemented yet)',
  builder: (y) => y,
  handler: async () => {
    throw new UserError('seedstudy doctor is not implemented yet');
  },
};
