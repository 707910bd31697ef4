import type { SeedstudyCommand } from '../command.js';
import { withJsonOption, withOutputOption } from '../command.js';

/** `seedstudy plan <study>`: the runs a study expands to, with their runIds and mlx-lm configs. */
export const planCommand: SeedstudyCommand<{ study: string; output?: string; json: boolean }> = {
  command: 'plan <study>',
  describe: 'Show the runs (arms × seeds, seed-major) with their content-addressed runIds; writes nothing',
  builder: (y) =>
    withJsonOption(
      withOutputOption(y.positional('study', { type: 'string', demandOption: true, describe: 'Study file (YAML)' })),
    ).epilog(
      'With --json: {"study": {...}, "model": {"path", "hf", "sha256", "files"},' +
        ' "runs": [{"runId", "arm", "seed", "runDir", "config"}]}, config being the exact mlx_lm lora YAML config' +
        ' of the run; model.hf the Hugging Face repo, revision and commit when `model:` is a repo id;' +
        ' with a `sequential:` design also "sequential": {"question", "designHash", "plan": per-look boundaries,' +
        ' α spent, expected seeds, the fixed-design comparison, and "record": sequential.json once a look was taken}.',
    ),
  handler: async (argv) => {
    const { loadStudy } = await import('../../study/load-study.js');
    const { planStudy } = await import('../../pipeline/plan-study.js');
    const study = await loadStudy(argv.study, argv.output === undefined ? {} : { output: argv.output });
    const plan = await planStudy(study);
    const sequential = (await import('../../pipeline/sequential-plan.js')).planSequential(study);
    const progress = await (await import('../../pipeline/sequential-progress.js')).sequentialProgress(study);
    if (argv.json)
      console.log(
        JSON.stringify(
          sequential ? { ...plan, sequential: { ...sequential, ...(progress && { record: progress.record }) } } : plan,
          null,
          2,
        ),
      );
    else {
      console.log((await import('../../plan/format-plan.js')).formatPlan(plan));
      if (sequential) {
        const { formatSequentialPlan } = await import('../../wording/sequential-plan.js');
        console.log(['', ...formatSequentialPlan(sequential)].join('\n'));
      }
      if (progress) {
        const { looksSoFarLines } = await import('../../wording/sequential-decision.js');
        console.log(['', ...looksSoFarLines(progress)].join('\n'));
      }
    }
  },
};
