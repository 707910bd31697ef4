/**
 * Writes the committed report fixture `test/fixtures/report/small-study/`: a results store for
 * 2 arms × 4 seeds × 3 checkpoints × 6 prompts with deterministic synthetic scores, train and val losses,
 * hostile model outputs (script tags, textarea/pre breakouts, backtick runs) and summary.json.
 * Run with `npx vite-node test/report/make-small-study.ts` and commit the result; the goldens
 * in test/golden/report/ are then refreshed with UPDATE_GOLDEN=1.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type AnalyzeSettings } from '../../src/statistics/analyze.js';
import { withHeadline } from '../../src/wording/analysis.js';
import type { Observation } from '../../src/statistics/observation.js';
import { runLayout, studyLayout } from '../../src/plan/run-layout.js';
import type { RunRecord } from '../../src/results/run-record.js';

const OUT = fileURLToPath(new URL('../fixtures/report/small-study/', import.meta.url));
const ARMS = ['baseline', 'shuffled'];
const SEEDS = [0, 1, 2, 3];
const STEPS = [100, 200, 300];
const PROMPTS = [
  { id: 'text-01', category: 'text' },
  { id: 'text-02', category: 'text' },
  { id: 'git-01', category: 'git & <vcs>' },
  { id: 'git-02', category: 'git & <vcs>' },
  { id: 'dom-01', category: 'domain' },
  { id: 'dom-02', category: 'domain' },
];
const HOSTILE = [
  '<script>window.__pwned = 1; document.title = "pwned";</script>',
  '</textarea><img src=x onerror="window.__pwned = 2">',
  '</pre><script>window.__pwned = 3</script>',
  'Here is code:\n```python\nprint("hi")\n```\nand ```` four ````',
  '| not | a | table | **bold** [link](http://example.invalid) &amp;',
];

/** Deterministic 32-bit LCG in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function main(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  const observations: Observation[] = [];
  let hostile = 0;
  for (const [ai, arm] of ARMS.entries()) {
    for (const seed of SEEDS) {
      const rand = lcg(1000 * ai + seed + 17);
      const runId = `${arm}-s${seed}-${(0xabc123 + 97 * seed + 7 * ai).toString(16)}`;
      const runDir = runLayout.runDir(OUT, arm, seed);
      const talent = rand() * 0.5 + (ai === 1 ? 0.25 : 0); // seed effect
      const metrics: string[] = [];
      const checkpoints = [];
      // Training loss every 10 steps, from its own stream so the scores above stay as they were.
      const trainRand = lcg(7919 * (ai + 1) + seed);
      for (let step = 10; step <= STEPS.at(-1)!; step += 10) {
        const trainLoss = Number((2.6 * Math.exp(-step / 120) + 0.9 - talent * 0.5 + trainRand() * 0.12).toFixed(4));
        metrics.push(JSON.stringify({ kind: 'train', step, iteration: step, train_loss: trainLoss, t: step / 10 }));
      }
      for (const step of STEPS) {
        const valLoss = Number((2.2 - step / 400 - talent * 0.6 + rand() * 0.15).toFixed(4));
        metrics.push(JSON.stringify({ kind: 'val', step, iteration: step, val_loss: valLoss, t: step / 10 }));
        const sha = createHash('sha256').update(`${arm}/${seed}/${step}`).digest('hex');
        checkpoints.push({ step, file: `${String(step).padStart(7, '0')}_adapters.safetensors`, sha256: sha });
        const gens: string[] = [];
        const scores: string[] = [];
        for (const p of PROMPTS) {
          const u = rand() + talent + step / 1000 - 0.6;
          const [score, fc, reason] =
            u > 0.55
              ? [1, 'wrapped-correct', 'execute_code(...) wraps a call of read_file']
              : u > 0.2
                ? [0.5, 'direct-call', 'direct call of read_file without execute_code(...)']
                : u > 0
                  ? [0, 'think-mode', 'opened <think> and never reached a tool call (length)']
                  : [0, 'wrong-tool', 'called <b>bash</b> instead of read_file'];
          const output =
            step === 300 && (p.id === 'git-01' || p.id === 'dom-02')
              ? HOSTILE[hostile++ % HOSTILE.length]!
              : score === 1
                ? `execute_code("read_file('${p.id}.py')")`
                : score === 0.5
                  ? `read_file("${p.id}.py")`
                  : '<think>\nLet me think about this...';
          observations.push({
            arm,
            seed,
            checkpoint: step,
            promptId: p.id,
            category: p.category,
            score,
            failureClass: fc,
            valLoss,
          });
          gens.push(
            JSON.stringify({
              runId,
              arm,
              seed,
              step,
              checkpoint_file: `adapters/${checkpoints.at(-1)!.file}`,
              checkpoint_sha256: sha,
              prompt_id: p.id,
              category: p.category,
              repeat: 0,
              output,
              tokens: 12,
              seconds: 0.5,
              finish_reason: score === 0 && fc === 'think-mode' ? 'length' : 'stop',
            }),
          );
          scores.push(
            JSON.stringify({
              runId,
              arm,
              seed,
              step,
              prompt_id: p.id,
              category: p.category,
              repeat: 0,
              score,
              reason,
              failure_class: fc,
              scorer: 'tool-call',
              checkpoint_sha256: sha,
            }),
          );
        }
        const evalDir = runLayout.checkpointEvalDir(runDir, step);
        await mkdir(evalDir, { recursive: true });
        await writeFile(join(evalDir, 'generations.jsonl'), gens.join('\n') + '\n');
        await writeFile(join(evalDir, 'scores.jsonl'), scores.join('\n') + '\n');
      }
      await mkdir(runDir, { recursive: true });
      await writeFile(runLayout.metrics(runDir), metrics.join('\n') + '\n');
      const record: RunRecord = {
        schemaVersion: 1,
        runId,
        arm,
        seed,
        status: 'succeeded',
        attempts: 1,
        exitCode: 0,
        signal: null,
        exitDescription: null,
        failureReason: null,
        timedOut: false,
        stalled: false,
        cancelled: false,
        startedAt: `2026-11-20T10:0${seed}:00.000Z`,
        endedAt: `2026-11-20T11:0${seed}:00.000Z`,
        durationS: 3600,
        host: 'fixture-host',
        pid: null,
        trainerPid: null,
        command: ['python', '-m', 'mlx_lm', 'lora'],
        versions: { python: '3.12.0', mlx: '0.29.0', mlxLm: '0.32.2' },
        checkpoints: checkpoints.map((c) => ({
          step: c.step,
          file: `/fixture/${arm}/seed-${seed}/adapters/${c.file}`,
          size: 1024,
          sha256: c.sha256,
        })),
        invalidCheckpoints: [],
        firstValLoss: null,
        firstCheckpointSha256: checkpoints[0]!.sha256,
        lastIteration: 300,
        logPath: `/fixture/${arm}/seed-${seed}/train.log`,
        errorExcerpt: [],
      };
      await writeFile(runLayout.runRecord(runDir), JSON.stringify(record, null, 2) + '\n');
    }
  }
  await writeFile(studyLayout.observations(OUT), observations.map((o) => JSON.stringify(o)).join('\n') + '\n');
  const settings: AnalyzeSettings = {
    checkpoint: 'final',
    resamples: 2000,
    rngSeed: 1,
    passThreshold: 1,
    baselines: [
      { name: 'phase33b', claimed: 0.824, tolerance: 0.0005, arm: 'baseline', source: 'Phase 33b notes' },
      {
        name: 'best-checkpoint',
        claimed: 0.75,
        tolerance: 0.005,
        arm: 'shuffled',
        source: 'the best single checkpoint',
      },
    ],
  };
  const analysis = withHeadline(analyze(observations, settings));
  await writeFile(studyLayout.summary(OUT), JSON.stringify(analysis, null, 2) + '\n');
}

await main();
