import type { SeedstudyCommand } from '../command.js';
import { analysisFlags, withAnalysisOptions, type AnalysisArgs } from './analysis-options.js';

interface CompareArgs extends AnalysisArgs {
  arms?: string[];
}

/**
 * `seedstudy compare`: arm A vs arm B over seeds (Welch, Mann–Whitney, exact permutation,
 * Hedges' g, P(A > B), paired by seed when they share seeds); for two single runs, the
 * prompt-paired "are these different models?" tests instead.
 */
export const compareCommand: SeedstudyCommand<CompareArgs> = {
  command: 'compare [study]',
  describe: "Compare two arms: difference with CI, Welch, Mann-Whitney, permutation, Hedges' g, P(A > B)",
  builder: (y) =>
    withAnalysisOptions(y).option('arms', {
      type: 'string',
      array: true,
      describe: 'The two arms to compare: --arms A B',
    }),
  handler: async (argv) => {
    const { compareTwoArms } = await import('../../pipeline/compare-two-arms.js');
    const result = await compareTwoArms(argv.arms, analysisFlags(argv));
    const { comparisonVerdictOf, singleRunsVerdictOf } = await import('../../wording/analysis-sentences.js');
    const { verdictText } = await import('../../wording/verdict.js');
    if (argv.json) {
      process.stdout.write(
        `${JSON.stringify({ comparisons: result.comparisons, single_runs: result.single_runs, warnings: result.warnings }, null, 2)}\n`,
      );
      return;
    }
    const { formatComparison } = await import('../format-analysis.js');
    for (const r of result.single_runs) process.stdout.write(`${verdictText(singleRunsVerdictOf(r))}\n\n`);
    for (const c of result.comparisons) {
      if (c.n_a < 2 && c.n_b < 2) {
        process.stdout.write(
          `Seed-level tests (Welch, Mann-Whitney, permutation, P(${c.a} > ${c.b})) need at least 2 seeds in an arm; with one run each only the prompt-paired comparison above applies.\n`,
        );
      } else process.stdout.write(formatComparison(c, verdictText(comparisonVerdictOf(c))));
    }
    for (const w of result.warnings) process.stdout.write(`  ! ${w}\n`);
  },
};
