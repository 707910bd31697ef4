import type { SeedstudyCommand } from '../command.js';
import { withJsonOption } from '../command.js';

/** `seedstudy doctor`: what the machine has and lacks for seedstudy, each gap with its fix. */
export const doctorCommand: SeedstudyCommand<{ json: boolean; study?: string }> = {
  command: 'doctor',
  describe: 'Check Node, the Python with mlx/mlx-lm and its MLX backend, g++, the tiny model, sbatch and chromium',
  builder: (y) =>
    withJsonOption(y)
      .option('study', {
        type: 'string',
        describe: "Use this study's engine.python (SEEDSTUDY_PYTHON still wins) instead of the venv",
      })
      .epilog('Exit code 1 when something required is missing.'),
  handler: async (argv) => {
    const { runDoctor } = await import('../../engine/doctor.js');
    const { resolvePython } = await import('../../engine/python.js');
    const study =
      argv.study === undefined ? undefined : await (await import('../../study/load-study.js')).loadStudy(argv.study);
    const report = await runDoctor(resolvePython(study));
    if (argv.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const width = Math.max(...report.checks.map((c) => c.name.length));
      for (const check of report.checks) {
        const mark = check.ok ? 'ok  ' : check.required ? 'MISS' : 'no  ';
        console.log(`${mark} ${check.name.padEnd(width)}  ${check.detail}`);
        if (!check.ok && check.fix) console.log(`     ${' '.repeat(width)}  fix: ${check.fix}`);
      }
      console.log(
        report.ok ? '\nEverything required is present.' : '\nSomething required is missing (see MISS above).',
      );
    }
    if (!report.ok) process.exitCode = 1;
  },
};
