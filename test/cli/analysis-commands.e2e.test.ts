import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, placeFixture } from '../study/workspace.js';
import { ensureBuiltCli, SEEDSTUDY } from '../helpers/built-cli.js';
import type { AnalysisResult } from '../../src/statistics/analysis-result.js';

/** The compiled CLI (test/helpers/built-cli.ts), as a user runs it. */
const cli = SEEDSTUDY;
beforeAll(ensureBuiltCli, 600_000);
const run = (cwd: string, ...args: string[]) =>
  execa(cli[0], [...cli.slice(1), ...args], { cwd, reject: false, timeout: 60_000 });
const fx = (f: string) => resolve('test/fixtures/phase43a', f);

let ws: string;
beforeAll(async () => {
  ws = await makeWorkspace();
  await placeFixture(ws, 'valid/two-arms.yaml');
  // observations.jsonl as the score stage writes it: 2 arms × 3 seeds × 1 checkpoint × 6 prompts
  // (seed scores a: 2/6, 3/6, 4/6; b: 4/6, 5/6, 6/6)
  const rows: string[] = [];
  for (const arm of ['a', 'b'])
    for (const seed of [0, 1, 2])
      for (let p = 0; p < 6; p++)
        rows.push(
          JSON.stringify({
            arm,
            seed,
            checkpoint: 200,
            promptId: `p${p}`,
            category: `c${p % 2}`,
            score: p < (arm === 'b' ? 4 : 2) + seed ? 1 : 0,
            valLoss: 0.5,
            repeat: 0,
          }),
        );
  await mkdir(join(ws, 'runs', 'demo'), { recursive: true });
  await writeFile(join(ws, 'runs', 'demo', 'observations.jsonl'), `${rows.join('\n')}\n`);
}, 60_000);

describe('analyze / reproduce / compare through the CLI', () => {
  it('analyze --input … --json prints the AnalysisResult of the seed-document fixtures', async () => {
    const r = await run(
      ws,
      'analyze',
      '--json',
      '--resamples',
      '500',
      '--input',
      fx('phase43a-per-prompt.csv'),
      '--input',
      fx('phase43a-resumed-categories.csv'),
    );
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { arms: { arm: string }[]; single_runs: { clustered_t: { p: number } }[] };
    expect(doc.arms.map((a) => a.arm)).toEqual(['phase43a', 'phase43a-resumed']);
    expect(doc.single_runs[0]!.clustered_t.p).toBeCloseTo(0.017835052537104365, 10);
  });
  it('a study: reads <output>/observations.jsonl and writes summary.json; human output in sentences', async () => {
    const r = await run(ws, 'analyze', 'two-arms.yaml', '--resamples', '500');
    expect(r.exitCode).toBe(0);
    // Each verdict: a plain sentence, then the numbers.
    expect(r.stdout).toMatch(
      /• (Arm [ab] (probably )?scores |Arms a and b cannot be told apart)[^\n]*\. [ab] − [ab]: [+-]?\d+\.\d points, 95% CI \[/,
    );
    expect(r.stdout).toMatch(/• Arm a [^\n]*\. Mean \d+\.\d% over 3 seeds, 95% CI/);
    expect(existsSync(join(ws, 'runs', 'demo', 'summary.json'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(ws, 'runs', 'demo', 'summary.json'), 'utf8')) as AnalysisResult;
    expect(summary.schema_version).toBe(1);
    const c = await run(ws, 'compare', 'two-arms.yaml', '--arms', 'a', 'b', '--resamples', '500');
    expect(c.exitCode).toBe(0);
    expect(c.stdout).toMatch(/permutation\s+p = /);
  });
  it('user mistakes exit 2 with a fix', async () => {
    const pct = await run(
      ws,
      'reproduce',
      '--input',
      fx('phase43a-per-prompt.csv'),
      '--arm',
      'phase43a',
      '--claimed',
      '82.4',
    );
    expect(pct.exitCode).toBe(2);
    expect(pct.stderr).toContain('give 82.4% as --claimed 82.4% or --claimed 0.824');
    const arm = await run(ws, 'compare', '--input', fx('phase43a-per-prompt.csv'), '--arms', 'phase43a', 'nope');
    expect(arm.exitCode).toBe(2);
    expect(arm.stderr).toContain('no arm named "nope"');
    const none = await run(ws, 'analyze', '--input', join(ws, 'missing.csv'));
    expect(none.exitCode).toBe(2);
  });
  it('reproduce prints the verdict, the gate and the rule', async () => {
    const r = await run(
      ws,
      'reproduce',
      '--input',
      fx('phase43a-per-prompt.csv'),
      '--arm',
      'phase43a',
      '--claimed',
      '0.824',
      '--prompt-count',
      '27',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      'comparability    NOT COMPARABLE (per-prompt values 0/0.5/1; rounding ±0.05 points on the overall)',
    );
    expect(r.stdout).toMatch(/overall\s+82\.4% of\s+27 prompt\(s\)\s+UNREACHABLE, nearest 81\.48% \/ 83\.33%/);
    expect(r.stdout).toContain(
      'verdict          not-comparable (see comparability above); the numbers alone: inconclusive',
    );
    expect(r.stdout).toContain('seeds to decide  19 (if the claim were comparable)');
    // The same claim typed as printed ("82.4%") gets the same tolerance and verdict.
    const printed = await run(
      ws,
      'reproduce',
      '--input',
      fx('phase43a-per-prompt.csv'),
      '--arm',
      'phase43a',
      '--claimed',
      '82.4%',
      '--json',
    );
    expect((JSON.parse(printed.stdout) as AnalysisResult).baselines[0]).toMatchObject({
      verdict: 'not-comparable',
      comparability: { tolerance: 0.0005, on_grid: false },
    });
    // 38.9% is a score this eval can produce: the gate passes and the statistical rule speaks.
    const onGrid = await run(
      ws,
      'reproduce',
      '--input',
      fx('phase43a-per-prompt.csv'),
      '--arm',
      'phase43a',
      '--claimed',
      '38.9%',
      '--json',
    );
    // The seed is compared with 21/54, the score "38.9%" stands for: the claimed run itself reaches its own claim.
    const onGridDoc = JSON.parse(onGrid.stdout) as AnalysisResult;
    expect(onGridDoc.baselines[0]).toMatchObject({
      verdict: 'inconclusive',
      k_at_least: 1,
      percentile: 50,
      comparability: { passed: true, on_grid: true },
    });
    expect(onGridDoc.baselines[0]!.claimed_effective).toBeCloseTo(21 / 54, 15);
    expect(r.stdout).toContain('Rule: Let n be the number of seeds');
  });
});
