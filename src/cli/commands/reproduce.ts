import type { SeedstudyCommand } from '../command.js';
import { analysisFlags, withAnalysisOptions, type AnalysisArgs } from './analysis-options.js';

interface ReproduceArgs extends AnalysisArgs {
  baseline?: string;
  arm?: string;
  claimed?: string;
  tolerance?: number;
  promptCount?: number;
  name?: string;
}

/**
 * `seedstudy reproduce`: does a claimed historical score (e.g. 82.4%) reproduce with this
 * config? Prints the verdict, the numbers behind it and the written rule.
 */
export const reproduceCommand: SeedstudyCommand<ReproduceArgs> = {
  command: 'reproduce [study]',
  describe:
    'Check whether a claimed score reproduces (after checking it is comparable): a study baseline (--baseline), or --input FILE --arm A --claimed 82.4%',
  builder: (y) =>
    withAnalysisOptions(y)
      .option('baseline', { type: 'string', describe: 'Name of a baseline in the study file' })
      .option('arm', {
        type: 'string',
        describe: "Arm whose seeds are checked (default: the baseline's, or the only arm)",
      })
      .option('claimed', {
        type: 'string',
        describe:
          'Claimed score as printed: a fraction (0.824) or a percentage ("82.4%"); its printed precision sets the rounding tolerance',
      })
      .option('tolerance', {
        type: 'number',
        describe:
          'Rounding allowed around the claimed figure, as a fraction (default: half a unit of its last printed digit)',
      })
      .option('prompt-count', { type: 'number', describe: 'Prompts the claim was scored on (comparability check)' })
      .option('name', { type: 'string', default: 'claim', describe: 'Label of the claim in the output' }),
  handler: async (argv) => {
    const { reproduceClaim } = await import('../../pipeline/reproduce-claim.js');
    const { result, written } = await reproduceClaim(argv, analysisFlags(argv));
    if (argv.json) {
      process.stdout.write(
        `${JSON.stringify({ baselines: result.baselines, history: result.history ?? [], reproduction_rule: result.reproduction_rule, warnings: result.warnings }, null, 2)}\n`,
      );
      return;
    }
    const { formatBaseline } = await import('../format-analysis.js');
    const { baselineVerdictOf } = await import('../../wording/baseline-verdict.js');
    const { verdictText } = await import('../../wording/verdict.js');
    const { formatHistoryChecks } = await import('../format-history.js');
    for (const b of result.baselines)
      process.stdout.write(
        formatBaseline(
          b,
          verdictText(
            baselineVerdictOf(
              b,
              result.arms.find((a) => a.arm === b.arm),
            ),
          ),
          result.reproduction_rule,
        ),
      );
    const history = formatHistoryChecks(result.history);
    if (history.length) process.stdout.write(`${history.join('\n')}\n`);
    for (const w of result.warnings) process.stdout.write(`  ! ${w}\n`);
    if (written) process.stdout.write(`Wrote ${written}\n`);
  },
};
