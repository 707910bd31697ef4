import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { evalStudy } from '../../src/pipeline/eval-study.js';
import { scoreStudy } from '../../src/pipeline/score-study.js';
import { trainStudy } from '../../src/pipeline/train-study.js';
import { studyLayout } from '../../src/plan/run-layout.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import { tinyDir, tinyLora, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';
import { describeWithTool } from '../helpers/require-tool.js';
import { projectVenv } from '../helpers/tiny-model.js';

describeWithTool(projectVenv, 'train → eval → score through the pipeline (real tiny model, 3-prompt suite)', () => {
  it('evaluates every run, writes observations, applies keep_checkpoints, re-scores without generating', async () => {
    const tiny = await tinyDir();
    const root = await tempDir('ss-eval-study-');
    const prompts = (parse(await readFile(join(tiny, 'suite.yaml'), 'utf8')) as { prompts: unknown[] }).prompts.slice(
      0,
      3,
    );
    await writeFile(join(root, 'suite.jsonl'), prompts.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const { steps_per_report: _r, ...train } = tinyLora;
    await writeFile(
      join(root, 'study.yaml'),
      [
        'name: eval-e2e',
        `model: ${JSON.stringify(join(tiny, 'model'))}`,
        `data: ${JSON.stringify(join(tiny, 'data'))}`,
        'output: out',
        `train: ${JSON.stringify(train)}`,
        'seeds: [0, 1]',
        `engine: {python: ${JSON.stringify(venvPython)}}`,
        'eval: {suite: suite.jsonl, chat_template_args: {enable_thinking: false}, prompt_timeout_s: 60}',
        'keep_checkpoints: final',
      ].join('\n') + '\n',
    );
    const study = await loadStudy(join(root, 'study.yaml'), { cwd: root });
    const trained = await trainStudy(study);
    expect(trained.succeeded).toBe(2);

    const summary = await evalStudy(study);
    // Both runs' decision checkpoints (final: 4) first, then the rest: the base once (by the first run).
    // Two worker sessions (model loads) per run: one per phase.
    expect(summary.runs.map((r) => [r.seed, r.evaluated, r.modelLoads])).toEqual([
      [0, [4, 0, 2], 2],
      [1, [4, 2], 2],
    ]);
    expect(summary.observations).toBe(2 * 3 * 3);
    for (const r of summary.runs) {
      expect(r.keep?.deleted.map((d) => d.step)).toEqual([2]);
      const record = await readRunRecord(join(study.outputDir, 'runs', 'base', `seed-${r.seed}`));
      expect(record!.checkpoints.find((c) => c.step === 2)!.pruned).toBe(true);
      expect(existsSync(record!.checkpoints.find((c) => c.step === 4)!.file)).toBe(true);
    }
    const rows = (await readFile(studyLayout.observations(study.outputDir), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows[0]).toMatchObject({ arm: 'base', seed: 0, checkpoint: 0 });
    expect(typeof rows[0]!.valLoss).toBe('number');

    // Re-running is cheap: everything is up to date (pruned checkpoints are not expected back).
    const again = await evalStudy(study);
    expect(again.runs.map((r) => r.evaluated)).toEqual([[], []]);

    // Re-score with another scorer, without generating.
    const rescored = await scoreStudy({
      ...study,
      eval: { ...study.eval, scorer: { kind: 'contains', case_sensitive: false } },
    });
    // Five evaluations (2 runs × 2 checkpoints + the shared base) re-scored; 18 observations as before.
    expect(rescored).toMatchObject({ checkpoints: 5, scores: 15, observations: 18 });
  }, 900_000);
});
