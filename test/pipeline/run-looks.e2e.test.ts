import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runStudy, type RunStudyEvent } from '../../src/pipeline/run-study.js';
import { planStudy } from '../../src/pipeline/plan-study.js';
import { runEvaluations } from '../../src/pipeline/run-eval-dirs.js';
import { sequentialRecordFile, sequentialRecordSchema } from '../../src/results/sequential-record.js';
import { readRunRecord } from '../../src/results/run-record.js';
import { loadStudy } from '../../src/study/load-study.js';
import type { SequentialOutcome } from '../../src/pipeline/sequential-outcome.js';
import { sequentialLines } from '../../src/wording/sequential-outcome.js';
import { rightTable, writeSequentialStudy } from './sequential-fixture.js';

// `seedstudy run` with a `sequential:` block, end to end with the fake trainer (engine.lora_command)
// and the fake eval worker (SEEDSTUDY_EVAL_WORKER), whose FAKE_WORKER_RIGHT sets how many of the ten
// prompts each arm/seed gets right: the looks see exactly the scores the test chose.
const WORKER = [process.execPath, fileURLToPath(new URL('../fixtures/eval/fake-worker.mjs', import.meta.url))];
const PY = process.execPath;
const CLI = [resolve('node_modules/.bin/vite-node'), resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--'];
const SEEDS = [1, 2, 3, 4, 5, 6];

beforeEach(() => {
  process.env.SEEDSTUDY_EVAL_WORKER = JSON.stringify(WORKER);
});
afterEach(() => {
  for (const k of ['SEEDSTUDY_EVAL_WORKER', 'FAKE_WORKER_RIGHT', 'FAKE_TRAINER_MODE', 'FAKE_TRAINER_STEP_MS'])
    delete process.env[k];
});

const readRecord = async (outputDir: string) =>
  sequentialRecordSchema.parse(JSON.parse(await readFile(sequentialRecordFile(outputDir), 'utf8')));

/** What the CLI prints after the stop (the report's sentences). */
const stopLines = (o: SequentialOutcome | undefined) => sequentialLines(o!.record, o!.design).join('\n');

const trainings = async (runDir: string) =>
  (await readFile(join(runDir, 'fake-invocations.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe('seedstudy run, look by look (fake trainer and worker)', () => {
  it('stops for efficacy at look 2 of 3 with a failed seed, never trains the seeds beyond it', async () => {
    const design = { question: 'compare', arms: ['a', 'b'], looks: [2, 4, 6], effect: { d: 2 } };
    const { file, root } = await writeSequentialStudy(design, SEEDS);
    process.env.FAKE_WORKER_RIGHT = rightTable(SEEDS, { a: [9, 10, 9, 10, 9, 10], b: [2, 1, 2, 1, 2, 1] });
    process.env.FAKE_TRAINER_MODE = 'seed=3:crash';
    const events: RunStudyEvent[] = [];
    const result = await runStudy({
      studyFile: file,
      python: PY,
      to: 'report',
      cwd: root,
      onEvent: (e) => events.push(e),
    });
    expect([result.outcome, result.exitCode, result.failedRuns]).toEqual(['completed', 1, 2]);

    const study = await loadStudy(file);
    const record = await readRecord(study.outputDir);
    expect(record.looks.map((l) => [l.look, l.plannedSeeds, l.decision])).toEqual([
      [1, 2, 'continue'],
      [2, 4, 'stop-efficacy'],
    ]);
    const second = record.looks[1]!;
    expect(second.seeds).toEqual({ a: [1, 2, 4], b: [1, 2, 4] });
    expect(second.failedSeeds).toEqual({ a: [3], b: [3] });
    const st = second.statistic!;
    if (st.question !== 'compare') throw new Error('compare expected');
    expect(st.scoresA).toEqual([0.9, 1, 1]);
    expect(st.scoresB).toEqual([0.2, 0.1, 0.1]);
    expect(st.recomputed).toBe(true); // 3 seeds per arm instead of the planned 4
    expect(st.naiveP).toBeLessThanOrEqual(st.efficacyP);
    expect(st.inference).toBeDefined();
    expect(second.hoursSoFar).toBeGreaterThan(0);
    expect(record.designHash).toBe(
      (await import('../../src/plan/sequential-design-hash.js')).sequentialDesignHash(study),
    );

    const runs = (await planStudy(study)).runs;
    for (const r of runs) {
      const trained = await readRunRecord(r.runDir).catch(() => undefined);
      if (r.seed >= 5) expect(trained, `${r.arm}/${r.seed} is beyond the stopping look`).toBeUndefined();
      else expect(await trainings(r.runDir)).toBe(1);
      if (r.seed <= 4 && r.seed !== 3) {
        // After the stop the runs used are evaluated at every checkpoint (trajectories): steps 10 and 20.
        const steps = (await runEvaluations(r.runDir, r.runId)).filter((e) => !e.shared).map((e) => e.step);
        expect(steps).toEqual([10, 20]);
      }
    }
    const stopped = events.find((e) => e.type === 'sequential-stopped');
    if (stopped?.type !== 'sequential-stopped') throw new Error('no stop event');
    expect(stopLines(stopped.outcome)).toMatch(
      /^Stopped after 3 seeds per arm: arm a scores higher than arm b, and the evidence crossed the pre-registered bar at the second of three looks\. Welch p = \S+ ≤ \S+ at look 2 of 3/,
    );
    expect(stopLines(stopped.outcome)).toMatch(/saved/);
    expect(result.report).toBeDefined();
    expect((await stat(join(root, 'report', 'index.html'))).size).toBeGreaterThan(0);
    expect(result.analysis?.result.headline.length).toBeGreaterThan(0);
    // Fewer runs than planned is the design working, not a partial result.
    expect(result.analysis?.result.warnings).toContain(
      '6 of the 12 runs the sequential design allowed are scored: it stopped at look 2 of 3 for efficacy, so the seeds beyond that look are not trained, by design.',
    );
  }, 120_000);

  it('stops for futility at look 1 when the first arm is behind', async () => {
    const design = { question: 'compare', arms: ['a', 'b'], looks: [2, 4, 6], effect: { d: 1 }, futility: {} };
    const { file, root } = await writeSequentialStudy(design, SEEDS);
    process.env.FAKE_WORKER_RIGHT = rightTable(SEEDS, { a: [5, 6, 5, 6, 5, 6], b: [7, 8, 7, 8, 7, 8] });
    const events: RunStudyEvent[] = [];
    const result = await runStudy({
      studyFile: file,
      python: PY,
      to: 'report',
      cwd: root,
      onEvent: (e) => events.push(e),
    });
    expect([result.outcome, result.exitCode]).toEqual(['completed', 0]);
    const study = await loadStudy(file);
    const record = await readRecord(study.outputDir);
    expect(record.looks.map((l) => l.decision)).toEqual(['stop-futility']);
    const st = record.looks[0]!.statistic!;
    if (st.question !== 'compare') throw new Error('compare expected');
    expect(st.z).toBeLessThan(st.futilityZ!);
    expect(Math.abs(st.z)).toBeLessThan(st.efficacyZ);
    expect(record.fixedDesignSeeds).toBe(result.sequential!.fixedSeeds);
    for (const r of (await planStudy(study)).runs)
      expect(await readRunRecord(r.runDir).catch(() => undefined), `${r.arm}/${r.seed}`).toEqual(
        r.seed <= 2 ? expect.objectContaining({ status: 'succeeded' }) : undefined,
      );
    expect(stopLines(result.sequential)).toMatch(
      /^Stopped after 2 seeds per arm, at the first of three looks: arm a is not far enough ahead of arm b/,
    );
    expect(events.filter((e) => e.type === 'look')).toHaveLength(1);
  }, 120_000);

  it('kill -9 after look 1 resumes look 2; an edited design is refused, --force-redesign is recorded', async () => {
    const design = { question: 'compare', arms: ['a', 'b'], looks: [2, 3, 4] };
    const { file, root } = await writeSequentialStudy(design, SEEDS.slice(0, 4));
    const env = {
      FAKE_WORKER_RIGHT: rightTable(SEEDS, { a: [5, 6, 5, 6, 5, 6], b: [6, 5, 6, 5, 6, 5] }),
      FAKE_TRAINER_STEP_MS: '10',
      FORCE_COLOR: '0',
    };
    const cli = (args: string[]) =>
      execa(CLI[0]!, [...CLI.slice(1), ...args], { cwd: root, reject: false, env, timeout: 120_000 });
    const study = await loadStudy(file);
    const runs = (await planStudy(study)).runs;
    const recordFile = sequentialRecordFile(study.outputDir);
    const first = cli(['run', file]);
    const t0 = Date.now();
    while (!(await readFile(recordFile, 'utf8').catch(() => '')).includes('"look": 1')) {
      if (Date.now() - t0 > 90_000) throw new Error('look 1 never recorded');
      await new Promise((r) => setTimeout(r, 25));
    }
    first.kill('SIGKILL');
    await first;
    const afterKill = await readRecord(study.outputDir);
    expect(afterKill.looks.map((l) => l.look)).toEqual([1]);
    const lookOne = runs.filter((r) => r.seed <= 2);
    const recordsOne = await Promise.all(lookOne.map((r) => readFile(join(r.runDir, 'run.json'), 'utf8')));

    // Editing the design after look 1 is refused, naming the file, the key and the way out.
    const doc = parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    const original = stringify(doc);
    doc['sequential']!['spending'] = 'pocock';
    await writeFile(file, stringify(doc));
    const refused = await cli(['run', file]);
    expect(refused.exitCode, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stderr).toContain(file);
    expect(refused.stderr).toMatch(/sequential: the sequential design changed after 1 look/);
    expect(refused.stderr).toContain('--force-redesign');
    expect(refused.stderr).toContain('sequential.json');

    // Restored, the rerun resumes look 2: no look twice, no run of look 1 trained again.
    await writeFile(file, original);
    const resumed = await cli(['run', file]);
    expect(resumed.exitCode, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/look 2 of 3: 3 seeds per arm/);
    expect(resumed.stdout).not.toMatch(/look 1 of 3: 2 seeds per arm/);
    expect(resumed.stdout).toMatch(/All planned seeds were used \(4 seeds per arm\)/);
    const done = await readRecord(study.outputDir);
    expect(done.looks.map((l) => [l.look, l.decision])).toEqual([
      [1, 'continue'],
      [2, 'continue'],
      [3, 'stop-max'],
    ]);
    expect(done.looks[0]).toEqual(afterKill.looks[0]);
    for (const [i, r] of lookOne.entries()) {
      expect(await trainings(r.runDir)).toBe(1);
      expect(await readFile(join(r.runDir, 'run.json'), 'utf8')).toBe(recordsOne[i]);
    }

    // --force-redesign goes on under the edited design and records it.
    await writeFile(file, stringify(doc));
    const forced = await cli(['run', file, '--force-redesign']);
    expect(forced.exitCode, forced.stdout + forced.stderr).toBe(0);
    const redesigned = await readRecord(study.outputDir);
    expect(redesigned.redesigns.map((r) => r.from)).toEqual([done.designHash]);
    expect(redesigned.redesigns[0]!.to).not.toBe(done.designHash);
    expect(redesigned.designHash).toBe(redesigned.redesigns[0]!.to);
    expect(forced.stdout).toMatch(/design changed after 3 look\(s\): continuing under --force-redesign/);
    expect(redesigned.looks).toEqual(done.looks);
  }, 240_000);

  it('reproduce: a failed run is replaced by the next seed, and two hits of two stop it as reproducible', async () => {
    const design = { question: 'reproduce', baseline: 'paper', looks: [2, 4, 6, 8, 10] };
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const baselines = [{ name: 'paper', claimed: '80%', prompt_count: 10 }];
    const { file, root } = await writeSequentialStudy(design, seeds, { arms: [{ name: 'a' }], extra: { baselines } });
    process.env.FAKE_WORKER_RIGHT = JSON.stringify({ a: 9 });
    process.env.FAKE_TRAINER_MODE = 'seed=2:crash';
    const result = await runStudy({ studyFile: file, python: PY, to: 'report', cwd: root });
    expect([result.outcome, result.exitCode]).toEqual(['completed', 1]);
    const study = await loadStudy(file);
    const record = await readRecord(study.outputDir);
    expect(record.looks).toHaveLength(1);
    const look = record.looks[0]!;
    expect([look.decision, look.seeds, look.failedSeeds]).toEqual(['stop-reproducible', { a: [1, 3] }, { a: [2] }]);
    expect(look.statistic).toMatchObject({ question: 'reproduce', arm: 'a', claim: 0.8, scores: [0.9, 0.9], hits: 2 });
    expect(record.fixedDesignSeeds).toBe(10);
    for (const r of (await planStudy(study)).runs)
      if (r.seed > 3) expect(await readRunRecord(r.runDir).catch(() => undefined), `seed ${r.seed}`).toBeUndefined();
    expect(stopLines(result.sequential)).toMatch(
      /^Stopped after 2 runs: arm a reaches the claimed 80\.0% \(baseline paper\) often enough to count as reproducible, decided at the first of five looks\. 2 of 2 runs of arm a reached 80\.0%/,
    );
  }, 120_000);
});
