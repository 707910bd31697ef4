import { initCommand } from './init.js';
import { validateCommand } from './validate.js';
import { planCommand } from './plan.js';
import { schemaCommand } from './schema.js';
import { setupCommand } from './setup.js';
import { doctorCommand } from './doctor.js';
import { trainCommand } from './train.js';
import { evalCommand } from './eval.js';
import { scoreCommand } from './score.js';
import { analyzeCommand } from './analyze.js';
import { reproduceCommand } from './reproduce.js';
import { compareCommand } from './compare.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { statusCommand } from './status.js';
import { cancelCommand } from './cancel.js';
import { taskCommand } from './task.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands = [
  runCommand,
  initCommand,
  validateCommand,
  planCommand,
  trainCommand,
  evalCommand,
  scoreCommand,
  analyzeCommand,
  reproduceCommand,
  compareCommand,
  reportCommand,
  statusCommand,
  cancelCommand,
  taskCommand,
  setupCommand,
  doctorCommand,
  schemaCommand,
] as const;
