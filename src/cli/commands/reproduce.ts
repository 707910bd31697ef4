import type { SeedstudyCommand } from '../command.js';
import { UserError } from '../../errors/user-error.js';
import type { BaselineClaim } from '../../statistics/analyze.js';
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
  describe: 'Check whether a claimed score reproduces (after checking it is comparable): a study baseline (--baseline), or --input FILE --arm A --claimed 82.4%',
  builder: (y) =>
    withAnalysisOptions(y)
      .option('baseline', { type: 'string', describe: 'Name of a baseline in the study file' })
      .option('arm', { type: 'string', describe: 'Arm whose seeds are checked (default: the baseline\'s, or the only arm)' })
      .option('claimed', { type: 'string', describe: 'Claimed score as printed: a fraction (0.824) or a percentage ("82.4%"); its printed precision sets the rounding tolerance' })
      .option('tolerance', { type: 'number', describe: 'Rounding allowed around the claimed figure, as a fraction (default: half a unit of its last printed digit)' })
      .option('prompt-count', { type: 'number', describe: 'Prompts the claim was scored on (comparability check)' })
      .option('name', { type: 'string', default: 'claim', describe: 'Label of the claim in the output' }) as never,
  handler: async (argv) => {
    // The typed claim is checked before any file is read: a bad flag fails at once.
    let typed: BaselineClaim | undefined;
    if (argv.claimed !== undefined) {
      const { claimedFigureSchema, parseClaimedFigure } = await import('../../study/claimed-figure.js');
      // As typed: the string keeps the printed precision ("0.80" is ±0.005, "82.4%" ±0.0005).
      const raw = String(argv.claimed).trim();
      if (!claimedFigureSchema.safeParse(raw).success) throw new UserError(`--claimed ${argv.claimed} is neither a fraction in [0, 1] nor a percentage`, { keyPath: '--claimed', fix: 'give 82.4% as --claimed 82.4% or --claimed 0.824' });
      if (argv.tolerance !== undefined && !(argv.tolerance >= 0 && argv.tolerance <= 0.5)) throw new UserError(`--tolerance ${argv.tolerance} is not a fraction in [0, 0.5]`, { keyPath: '--tolerance', fix: 'e.g. --tolerance 0.0005 for ±0.05 points' });
      const figure = parseClaimedFigure(raw);
      typed = { name: argv.baseline ?? argv.name ?? 'claim', claimed: figure.value, tolerance: argv.tolerance ?? figure.printedTolerance, arm: argv.arm, promptCount: argv.promptCount };
    } else if (argv.baseline !== undefined) {
      for (const [flag, value] of [['--tolerance', argv.tolerance], ['--prompt-count', argv.promptCount]] as const) {
        if (value !== undefined) throw new UserError(`${flag} applies to --claimed, not to a study baseline`, { keyPath: flag, fix: `set it in the study's baselines entry (${flag === '--tolerance' ? 'tolerance' : 'prompt_count'}:), or use --claimed` });
      }
    } else {
      throw new UserError('which claim?', { fix: 'pass --baseline NAME (from the study file) or --claimed 0.824 with --arm A' });
    }
    const { loadAnalysisSource, armNames, requireArm } = await import('../../pipeline/analysis-input.js');
    const { runAnalysis } = await import('../../pipeline/run-analysis.js');
    const source = await loadAnalysisSource(analysisFlags(argv));
    const claims = typed ? [typed] : source.settings.baselines.filter((b) => b.name === argv.baseline).map((b) => ({ ...b, arm: argv.arm ?? b.arm }));
    if (!claims.length) {
      throw new UserError(`no baseline named "${argv.baseline}"`, { keyPath: '--baseline', fix: `use one of: ${source.settings.baselines.map((b) => b.name).join(', ') || '(none in the study: add baselines: or pass --claimed)'}` });
    }
    const arms = armNames(source);
    for (const c of claims) {
      if (c.arm === undefined && arms.length !== 1) throw new UserError('several arms: say which one the claim is about', { keyPath: '--arm', fix: `use --arm with one of: ${arms.join(', ')}` });
      if (c.arm !== undefined) requireArm(source, c.arm, '--arm');
    }
    const { result, written } = await runAnalysis(source, { baselines: claims, comparisons: [] });
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ baselines: result.baselines, history: result.history ?? [], reproduction_rule: result.reproduction_rule, warnings: result.warnings }, null, 2)}\n`);
      return;
    }
    const { formatBaseline } = await import('../format-analysis.js');
    const { baselineSentence } = await import('../../wording/analysis-sentences.js');
    const { formatHistoryChecks } = await import('../format-history.js');
    for (const b of result.baselines) process.stdout.write(formatBaseline(b, baselineSentence(b), result.reproduction_rule));
    const history = formatHistoryChecks(result.history);
    if (history.length) process.stdout.write(`${history.join('\n')}\n`);
    for (const w of result.warnings) process.stdout.write(`  ! ${w}\n`);
    if (written) process.stdout.write(`Wrote ${written}\n`);
  },
};
