import type { SeedstudyCommand } from '../command.js';
import { analysisFlags, withAnalysisOptions, type AnalysisArgs } from './analysis-options.js';

/**
 * `seedstudy analyze`: every statistic of a study (or of imported results) over seeds, with
 * plain-English conclusions; `--json` prints the AnalysisResult document.
 */
export const analyzeCommand: SeedstudyCommand<AnalysisArgs> = {
  command: 'analyze [study]',
  describe: 'Tell noise from signal: per-arm intervals over seeds, arm comparisons, baseline checks, power',
  builder: (y) => withAnalysisOptions(y),
  handler: async (argv) => {
    const { loadAnalysisSource } = await import('../../pipeline/analysis-input.js');
    const { runAnalysis } = await import('../../pipeline/run-analysis.js');
    const source = await loadAnalysisSource(analysisFlags(argv));
    const { result, written } = await runAnalysis(source);
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const { formatAnalysis } = await import('../format-analysis.js');
    const { coverageSentence } = await import('../../wording/coverage.js');
    // A partial study says so first (and not again among the warnings at the end).
    const partial = source.coverage ? coverageSentence(source.coverage) : null;
    if (partial) process.stdout.write(`Partial: ${partial}\n\n`);
    const shown = partial ? { ...result, warnings: result.warnings.filter((w) => w !== partial) } : result;
    process.stdout.write(formatAnalysis(shown, written));
  },
};
