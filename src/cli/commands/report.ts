import type { SeedstudyCommand } from '../command.js';
import { withOutputOption } from '../command.js';

interface ReportArgs {
  study: string;
  output?: string;
  to?: string;
  png: boolean;
}

/**
 * `seedstudy report <study>`: writes reports/<study>/ (index.html, report.md, charts, CSVs,
 * summary.json) from the study's results. Light at import time: the pipeline (vega, resvg)
 * loads only when the command runs.
 */
export const reportCommand: SeedstudyCommand<ReportArgs> = {
  command: 'report <study>',
  describe: 'Write the variance report (HTML, Markdown, charts, CSV) for a study',
  builder: (y) =>
    withOutputOption(y)
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('to', { type: 'string', describe: 'Report directory (default reports/<study name>/)' })
      .option('png', { type: 'boolean', default: true, describe: 'Also rasterise charts to PNG for report.md (--no-png to skip)' }) as never,
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { reportStudy } = await import('../../pipeline/report-study.js');
    const study = await loadStudy(argv.study, argv.output !== undefined ? { output: argv.output } : {});
    const result = await reportStudy(study, { to: argv.to, png: argv.png });
    const { join, relative } = await import('node:path');
    const where = relative(process.cwd(), result.reportDir) || '.';
    process.stdout.write(`Report written to ${join(where, 'index.html')} (also report.md, charts/, CSV files and summary.json; ${result.files.length} files).\n`);
    for (const line of result.model.headline) process.stdout.write(`  ${line}\n`);
  },
};
