import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

interface EvalArgs {
  study: string;
  output?: string;
  onlyArm?: string;
  force: boolean;
  json: boolean;
}

/** `seedstudy eval <study>`: evaluates every checkpoint of every trained run (one model load per run). */
export const evalCommand: SeedstudyCommand<EvalArgs> = {
  command: 'eval <study>',
  describe: 'Evaluate every saved checkpoint of every trained run: generations, exact val loss, scores',
  builder: (y) =>
    withJsonOption(withOutputOption(y))
      .positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })
      .option('only-arm', { type: 'string', describe: 'Evaluate only this arm' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Re-evaluate checkpoints already evaluated with the same settings',
      }),
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { evalStudy } = await import('../../pipeline/eval-study.js');
    const study = await loadStudy(argv.study, argv.output !== undefined ? { output: argv.output } : {});
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const summary = await evalStudy(study, {
        force: argv.force,
        signal: controller.signal,
        ...(argv.onlyArm !== undefined ? { onlyArm: argv.onlyArm } : {}),
        ...(argv.json ? {} : { onProgress: (m: string) => console.error(m) }),
      });
      if (argv.json) {
        console.log(JSON.stringify(summary, null, 2));
        return;
      }
      const { printIntegrityProblems } = await import('../print-integrity.js');
      printIntegrityProblems(summary.problems);
      const evaluated = summary.runs.reduce((n, r) => n + r.evaluated.length, 0);
      const skipped = summary.runs.reduce((n, r) => n + r.skipped.length, 0);
      const rescored = summary.runs.reduce((n, r) => n + r.rescored.length, 0);
      console.log(
        `evaluated ${evaluated} checkpoint(s) of ${summary.runs.length} run(s); ${skipped} already up to date (${rescored} re-scored); ${summary.observations} observations`,
      );
      for (const r of summary.runs)
        if (r.keep?.deleted.length)
          console.log(
            `  ${r.arm}/seed-${r.seed}: keep_checkpoints=${r.keep.policy} deleted steps ${r.keep.deleted.map((d) => d.step).join(', ')}`,
          );
      for (const n of summary.notTrained) console.log(`  not evaluated: ${n.arm}/seed-${n.seed} (${n.status})`);
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
