import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';
import { analysisFlags, withAnalysisOptions, type AnalysisArgs } from './analysis-options.js';

interface ReproduceArgs extends AnalysisArgs {
  baseline?: string;
  arm?: string;
  claimed?: number;
  promptCount?: number;
  name?: string;
}

/**
 * `seedstudy reproduce`: does a claimed historical score (e.g. 82.4%) reproduce with this
 * config? Prints the verdict, the numbers behind it and the written rule.
 */
export const reproduceCommand: SeedstudyCommand<ReproduceArgs> = {
  command: 'reproduce [study]',
  describe: 'Check whether a claimed score reproduces: a study baseline (--baseline) or --input FILE --arm A --claimed 0.824',
  builder: (y) =>
    withAnalysisOptions(y)
      .option('baseline', { type: 'string', describe: 'Name of a baseline in the study file' })
      .option('arm', { type: 'string', describe: 'Arm whose seeds are checked (default: the baseline\'s, or the only arm)' })
      .option('claimed', { type: 'number', describe: 'Claimed score as a fraction, e.g. 0.824' })
      .option('prompt-count', { type: 'number', describe: 'Prompts the claim was scored on (comparability check)' })
      .option('name', { type: 'string', default: 'claim', describe: 'Label of the claim in the output' }) as never,
  handler: async (argv) => {
    const { loadAnalysisSource, armNames, requireArm } = await import('../../pipeline/analysis-input.js');
    const { runAnalysis } = await import('../../pipeline/run-analysis.js');
    const source = await loadAnalysisSource(analysisFlags(argv));
    let claims = source.settings.baselines;
    if (argv.claimed !== undefined) {
      if (!(argv.claimed >= 0 && argv.claimed <= 1)) throw new UserError(`--claimed ${argv.claimed} is not a fraction in [0, 1]`, { keyPath: '--claimed', fix: 'give 82.4% as --claimed 0.824' });
      claims = [{ name: argv.baseline ?? argv.name ?? 'claim', claimed: argv.claimed, arm: argv.arm, promptCount: argv.promptCount }];
    } else if (argv.baseline !== undefined) {
      claims = claims.filter((b) => b.name === argv.baseline).map((b) => ({ ...b, arm: argv.arm ?? b.arm }));
      if (!claims.length) {
        throw new UserError(`no baseline named "${argv.baseline}"`, { keyPath: '--baseline', fix: `use one of: ${source.settings.baselines.map((b) => b.name).join(', ') || '(none in the study: add baselines: or pass --claimed)'}` });
      }
    } else {
      throw new UserError('which claim?', { fix: 'pass --baseline NAME (from the study file) or --claimed 0.824 with --arm A' });
    }
    const arms = armNames(source);
    for (const c of claims) {
      if (c.arm === undefined && arms.length !== 1) throw new UserError('several arms: say which one the claim is about', { keyPath: '--arm', fix: `use --arm with one of: ${arms.join(', ')}` });
      if (c.arm !== undefined) requireArm(source, c.arm, '--arm');
    }
    const { result, written } = await runAnalysis(source, { baselines: claims, comparisons: [] });
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ baselines: result.baselines, reproduction_rule: result.reproduction_rule, warnings: result.warnings }, null, 2)}\n`);
      return;
    }
    const { formatBaseline } = await import('../format-analysis.js');
    const { baselineSentence } = await import('../../statistics/headline.js');
    for (const b of result.baselines) process.stdout.write(formatBaseline(b, baselineSentence(b), result.reproduction_rule));
    for (const w of result.warnings) process.stdout.write(`  ! ${w}\n`);
    if (written) process.stdout.write(`Wrote ${written}\n`);
  },
};
