import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/evaluation/load-suite.js';
import { runWorker, type CheckpointOutput } from '../../src/evaluation/run-worker.js';
import { scoreGenerations } from '../../src/evaluation/score-generations.js';
import { createScorer } from '../../src/evaluation/scorers/registry.js';
import type { EvalSuite } from '../../src/evaluation/suite-schema.js';
import type { WorkerJob } from '../../src/evaluation/worker-protocol.js';
import type { GenerationRecord } from '../../src/results/generation-record.js';
import { scorerConfigSchema } from '../../src/study/schema.js';
import { tinyDir, venvPython } from './helpers/tiny-run.js';
import { tempDir } from './helpers/temp-dir.js';

/**
 * Scores must not depend on the machine's load (issue 16, item 3): the same evaluation of the tiny
 * model, idle and with a busy loop on every core, gives identical outputs and scores. The per-prompt
 * wall-clock setting is deliberately tiny (50 ms, far below a generation on a loaded machine): it is a
 * hang guard only, so it must not cut any answer (the old worker stopped generations at it).
 */
const HOGS = 2; // both cores of the CI machine
let hogs: ChildProcess[] = [];

function startHogs(): void {
  hogs = Array.from({ length: HOGS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function stopHogs(): void {
  for (const h of hogs) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
  hogs = [];
}

afterAll(stopHogs);

describe('evaluation under load (real tiny model)', () => {
  let suite: EvalSuite;
  let job: WorkerJob;

  beforeAll(async () => {
    const tiny = await tinyDir();
    suite = await loadSuite(join(tiny, 'suite.yaml'), 40);
    job = {
      model: join(tiny, 'model'),
      adapter_config: null,
      checkpoints: [{ step: 0, file: null, sha256: null }],
      prompts: suite.prompts.map((p) => ({ id: p.id, messages: p.messages, max_tokens: p.max_tokens })),
      settings: {
        temperature: 0,
        top_p: 1,
        repeats: 1,
        batch_size: 8,
        chat_template_args: { enable_thinking: false },
        prompt_timeout_s: 0.05,
      },
      loss: null,
    };
  }, 600_000);

  async function evaluate(label: string) {
    const dir = await tempDir(`load-${label}-`);
    let out: CheckpointOutput | undefined;
    const t0 = Date.now();
    const session = await runWorker(job, {
      python: venvPython,
      watchdogS: 120,
      promptMarginS: 60,
      logFile: join(dir, 'worker.log'),
      onCheckpoint: (o) => {
        out = o;
        return Promise.resolve();
      },
    });
    const seconds = (Date.now() - t0) / 1000;
    const generations = out!.generations.map((g) => ({
      ...g,
      runId: 'r',
      arm: 'a',
      seed: 0,
      category: 'c',
    })) as unknown as GenerationRecord[];
    generations.sort((a, b) => (a.prompt_id < b.prompt_id ? -1 : 1));
    const scorer = createScorer(scorerConfigSchema.parse({ kind: 'tool-call' }));
    const scores = await scoreGenerations(generations, suite, scorer, dir);
    return { session, seconds, errors: out!.errors, generations, scores };
  }

  it('gives identical outputs and scores idle and with a busy loop on every core', async () => {
    const idle = await evaluate('idle');
    startHogs();
    const busy = await evaluate('busy');
    stopHogs();
    const n = suite.prompts.length;
    console.log(`tiny model, ${n} prompts: idle ${idle.seconds} s, under a CPU hog ${busy.seconds} s`);
    for (const r of [idle, busy]) {
      expect(r.session.watchdogKills).toBe(0);
      expect(r.errors).toEqual([]);
      expect(r.generations).toHaveLength(suite.prompts.length);
      // Only the token budget ends a generation: `length` means max_tokens tokens were generated.
      for (const g of r.generations) {
        expect(['stop', 'length']).toContain(g.finish_reason);
        const budget = suite.prompts.find((p) => p.id === g.prompt_id)!.max_tokens;
        if (g.finish_reason === 'length') expect(g.tokens).toBe(budget);
      }
    }
    const answers = (r: typeof idle) => r.generations.map((g) => [g.prompt_id, g.output, g.tokens, g.finish_reason]);
    expect(answers(busy)).toEqual(answers(idle));
    const verdicts = (r: typeof idle) => r.scores.map((s) => [s.prompt_id, s.score, s.failure_class, s.reason]);
    expect(verdicts(idle).length).toBe(suite.prompts.length);
    expect(verdicts(busy)).toEqual(verdicts(idle));
  }, 120_000);
});
