import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { runStudy, type RunStudyEvent } from '../../src/pipeline/run-study.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { sequentialRecordFile, sequentialRecordSchema } from '../../src/results/sequential-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { sequentialLines } from '../../src/wording/sequential-outcome.js';
import { tempDir } from '../evaluation/helpers/temp-dir.js';
import { tinyDir, venvPython } from '../evaluation/helpers/tiny-run.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';

// A sequential study for real (mlx_lm lora and the eval worker on the tiny tool-calling model): two
// learning rates far apart. At 1e-5 for 40 steps a run stays the base model, which calls tools
// directly and so scores 0 when only the execute_code wrapper counts (direct_score: 0); at 1e-3 every
// seed has picked the wrapper up, with a seed-to-seed spread. The difference crosses a Pocock boundary
// at look 1 or 2 of looks [3, 5, 7], so at most 5 of the 7 seeds per arm are ever trained. Two learning
// rates close together (1e-3, 0.9e-3) give nearly the same runs: far from the design effect, a futility stop.

/** The tiny-model study of these tests: 40 steps, only wrapped calls scored, 7 seeds, the given arms and design. */
function realStudy(tiny: string, arms: unknown[], sequential: Record<string, unknown>) {
  return {
    name: 'looks-real',
    model: join(tiny, 'model'),
    data: join(tiny, 'data'),
    output: 'out',
    train: {
      iters: 40,
      save_every: 40,
      batch_size: 4,
      learning_rate: 1e-5,
      num_layers: -1,
      lora_parameters: { rank: 4, scale: 10.0, dropout: 0.05 },
      mask_prompt: true,
      max_seq_length: 128,
      steps_per_report: 20,
      steps_per_eval: 40,
      val_batches: 2,
    },
    arms,
    seeds: { count: 7, start: 0 },
    eval: {
      suite: join(tiny, 'suite.yaml'),
      scorer: { kind: 'tool-call', wrapper: 'execute_code', direct_score: 0 },
      max_tokens: 48,
      chat_template_args: { enable_thinking: false },
      include_base: false,
      prompt_timeout_s: 60,
    },
    engine: { python: venvPython },
    executor: { kind: 'local', concurrency: 1 },
    analysis: { checkpoint: 'final', resamples: 200 },
    sequential,
  };
}

describeWithTool(projectVenv, 'seedstudy run look by look on the tiny model', () => {
  it('stops for efficacy at look 1 or 2 of 3 and never trains the seeds beyond it', async () => {
    const tiny = await tinyDir();
    const root = await tempDir('ss-looks-real-');
    const study = realStudy(tiny, [{ name: 'slow' }, { name: 'fast', train: { learning_rate: 1e-3 } }], {
      question: 'compare',
      arms: ['fast', 'slow'],
      looks: [3, 5, 7],
      spending: 'pocock',
      effect: { d: 2 },
    });
    const file = join(root, 'study.yaml');
    await writeFile(file, JSON.stringify(study));
    const events: RunStudyEvent[] = [];
    const result = await runStudy({ studyFile: file, to: 'report', cwd: root, onEvent: (e) => events.push(e) });
    expect([result.outcome, result.exitCode]).toEqual(['completed', 0]);

    const loaded = await loadStudy(file);
    const record = sequentialRecordSchema.parse(
      JSON.parse(await readFile(sequentialRecordFile(loaded.outputDir), 'utf8')),
    );
    const last = record.looks[record.looks.length - 1]!;
    expect(last.decision).toBe('stop-efficacy');
    expect(last.look).toBeLessThanOrEqual(2);
    expect(record.looks.slice(0, -1).every((l) => l.decision === 'continue')).toBe(true);
    const st = last.statistic!;
    if (st.question !== 'compare') throw new Error('compare expected');
    expect(st.diff).toBeGreaterThan(0); // fast − slow
    expect(st.naiveP).toBeLessThanOrEqual(st.efficacyP);
    expect(last.hoursSoFar).toBeGreaterThan(0);
    const seedsUsed = last.plannedSeeds;
    for (const r of (await planStudy(loaded)).runs) {
      const trained = await readRunRecord(r.runDir).catch(() => undefined);
      const index = loaded.seeds.indexOf(r.seed);
      if (index >= seedsUsed) expect(trained, `${r.arm}/seed-${r.seed}`).toBeUndefined();
      else expect(trained?.status, `${r.arm}/seed-${r.seed}`).toBe('succeeded');
    }
    expect(sequentialLines(record, { looks: [3, 5, 7], alpha: 0.05 })[0]).toMatch(
      new RegExp(`^Stopped after ${seedsUsed} seeds per arm: arm fast scores higher than arm slow`),
    );
    expect(result.report).toBeDefined();
  }, 600_000);

  it('stops for futility at look 1 or 2 when the arms train alike (the first is not ahead by the design effect)', async () => {
    const tiny = await tinyDir();
    const root = await tempDir('ss-looks-futility-');
    const arms = [
      { name: 'a', train: { learning_rate: 1e-3 } },
      { name: 'b', train: { learning_rate: 0.9e-3 } },
    ];
    const design = { question: 'compare', arms: ['a', 'b'], looks: [3, 5, 7], effect: { d: 3 }, futility: {} };
    const file = join(root, 'study.yaml');
    await writeFile(file, JSON.stringify(realStudy(tiny, arms, design)));
    const result = await runStudy({ studyFile: file, to: 'report', cwd: root });
    expect([result.outcome, result.exitCode]).toEqual(['completed', 0]);
    const loaded = await loadStudy(file);
    const record = sequentialRecordSchema.parse(
      JSON.parse(await readFile(sequentialRecordFile(loaded.outputDir), 'utf8')),
    );
    const last = record.looks[record.looks.length - 1]!;
    expect([last.decision, last.look <= 2]).toEqual(['stop-futility', true]);
    expect(record.looks.slice(0, -1).every((l) => l.decision === 'continue')).toBe(true);
    const st = last.statistic!;
    if (st.question !== 'compare') throw new Error('compare expected');
    expect(st.z).toBeLessThan(st.futilityZ!);
    for (const r of (await planStudy(loaded)).runs) {
      const trained = await readRunRecord(r.runDir).catch(() => undefined);
      expect(trained?.status, `${r.arm}/seed-${r.seed}`).toBe(
        loaded.seeds.indexOf(r.seed) < last.plannedSeeds ? 'succeeded' : undefined,
      );
    }
  }, 600_000);
});
