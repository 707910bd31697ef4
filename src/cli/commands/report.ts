import type { SeedstudyCommand } from '../command.js';
import { BAND_KINDS, DEFAULT_BAND, type BandKind } from '../../report/band.js';
import { analysisFlags, withAnalysisOptions, type AnalysisArgs } from './analysis-options.js';
import { verdictText } from '../../wording/verdict.js';
import { sentencesAsLines } from '../../wording/sequential-outcome.js';

interface ReportArgs extends AnalysisArgs {
  to?: string;
  name?: string;
  png: boolean;
  band: BandKind;
}

/**
 * `seedstudy report <study>`: writes reports/<study>/ (index.html, report.md, charts, CSVs,
 * summary.json) from the study's results; `seedstudy report --input FILE…` does the same for
 * imported results (seedstudy CSV/JSONL, lm-eval samples, inspect_ai logs). Light at import time:
 * the pipeline (vega, resvg) loads only when the command runs.
 */
export const reportCommand: SeedstudyCommand<ReportArgs> = {
  command: 'report [study]',
  describe: 'Write the variance report (HTML, Markdown, charts, CSV) for a study or for --input results',
  builder: (y) =>
    withAnalysisOptions(y)
      .option('to', { type: 'string', describe: 'Report directory (default reports/<study name>/)' })
      .option('name', {
        type: 'string',
        describe: 'With --input: the report\'s title and default directory name (default "imported")',
      })
      .option('band', {
        choices: BAND_KINDS,
        default: DEFAULT_BAND,
        describe:
          'Band around the mean over seeds in the loss and score curves: minmax (lowest to highest seed), sd (± 1 sd of the seeds) or se (± 1 standard error of the mean)',
      })
      .option('png', {
        type: 'boolean',
        default: true,
        describe: 'Also rasterise charts to PNG for report.md (--no-png to skip)',
      }),
  handler: async (argv) => {
    const path = await import('node:path');
    let result;
    if (argv.input?.length) {
      const { loadAnalysisSource } = await import('../../pipeline/analysis-input.js');
      const { reportImported } = await import('../../pipeline/report-imported.js');
      const source = await loadAnalysisSource(analysisFlags(argv));
      result = await reportImported(source, { to: argv.to, name: argv.name, png: argv.png, band: argv.band });
    } else {
      if (!argv.study) {
        const { UserError } = await import('../../errors/user-error.js');
        throw new UserError('nothing to report', {
          fix: 'name a study file, or pass --input FILE (results from any pipeline)',
        });
      }
      const { loadStudy } = await import('../../study/load-study.js');
      const { reportStudy } = await import('../../pipeline/report-study.js');
      const study = await loadStudy(argv.study, argv.output !== undefined ? { output: argv.output } : {});
      result = await reportStudy(study, { to: argv.to, png: argv.png, band: argv.band });
    }
    const where = path.relative(process.cwd(), result.reportDir) || '.';
    process.stdout.write(
      `Report written to ${path.join(where, 'index.html')} (also report.md, charts/, CSV files and summary.json; ${result.files.length} files).\n`,
    );
    if ('partial' in result && result.partial) process.stdout.write(`  Partial: ${result.partial}\n`);
    for (const v of result.model.headline) process.stdout.write(`  • ${verdictText(v)}\n`);
    if (result.model.sequential) {
      process.stdout.write('  Sequential design:\n');
      for (const line of sentencesAsLines(result.model.sequential.sentences)) process.stdout.write(`    ${line}\n`);
    }
  },
};
