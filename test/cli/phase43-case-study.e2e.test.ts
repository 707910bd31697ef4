import { resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, SEEDSTUDY } from '../helpers/built-cli.js';
import type { AnalysisResult } from '../../src/statistics/analysis-result.js';

/** The compiled CLI (test/helpers/built-cli.ts), as a user runs it. */
const cli = SEEDSTUDY;
beforeAll(ensureBuiltCli, 600_000);
const run = (...args: string[]) =>
  execa(cli[0], [...cli.slice(1), ...args], { cwd: resolve('.'), reject: false, timeout: 120_000 });
const history = (f: string) => `studies/phase43/history/${f}`;

describe('the Phase 43 case study (issue 9)', () => {
  it('validate passes apart from the model and data paths, which it names', async () => {
    const r = await run('validate', 'studies/phase43-coder30b.yaml');
    expect(r.exitCode).toBe(2);
    // The baseline's comparability with the suite is reported as a finding, not a problem.
    expect(r.stdout).toMatch(
      /^ {2}baseline {4}phase33b: NOT COMPARABLE with this suite, so its verdict will be not-comparable whatever the seeds score: 82\.4% \(±0\.05 points rounding\) is not an overall score 27 prompts/,
    );
    const problems = r.stderr.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /phase43-coder30b\.yaml:\d+: model: model directory not found: .*\/models\/Qwen3-Coder-30B-A3B-Instruct-4bit$/,
    );
    expect(problems[1]).toMatch(
      /phase43-coder30b\.yaml:\d+: data: data directory not found: .*\/data\/phase33_merged$/,
    );
  }, 120_000);

  it('reproduce on the imported Phase 33b claim prints not-comparable with the reason', async () => {
    const r = await run(
      'reproduce',
      'studies/phase43-coder30b.yaml',
      '--input',
      history('phase43a-iter600.yaml'),
      '--arm',
      'phase43a',
      '--baseline',
      'phase33b',
      '--resamples',
      '1000',
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^The claimed 82\.4% \(phase33b\) cannot be checked with this eval: it was not measured the same way, so no number of seeds of arm phase43a can confirm or refute it\. Why: 82\.4% \(±0\.05 points rounding\) is not an overall score 27 prompts scored 0, 0\.5 or 1 can produce \(nearest: 81\.48% and 83\.33%\)/,
    );
    expect(r.stdout).toContain('domain 60% is not a score 9 prompts can produce (nearest: 55.56% and 61.11%)');
    expect(r.stdout).toContain('multi_tool 35% is not a score 1 prompt can produce (nearest: 0.00% and 50.00%)');
    expect(r.stdout).toContain(
      'consistency  categories weighted by prompts 82.41% (agrees), plain mean of categories 83.57% (disagrees)',
    );
    expect(r.stdout).toContain('verdict          not-comparable');
    // The imported record's own summary is checked too.
    expect(r.stdout).toContain('✗ prompts scoring 0.5 = 16: the per-prompt table has 19');
    const json = await run(
      'reproduce',
      'studies/phase43-coder30b.yaml',
      '--input',
      history('phase43a-iter600.yaml'),
      '--arm',
      'phase43a',
      '--baseline',
      'phase33b',
      '--resamples',
      '1000',
      '--json',
    );
    const b = (JSON.parse(json.stdout) as AnalysisResult).baselines[0]!;
    expect(b.verdict).toBe('not-comparable');
    expect(b.comparability.score_values).toEqual([0, 0.5, 1]); // from the study's tool-call scorer
    expect(b.comparability.problems).toHaveLength(3);
  }, 120_000);

  it('38.9% and 18.5% are comparable claims; the resumed run is a different model on these prompts', async () => {
    const r = await run(
      'reproduce',
      '--input',
      history('phase43a-resumed.yaml'),
      '--claimed',
      '18.5%',
      '--json',
      '--resamples',
      '1000',
    );
    expect((JSON.parse(r.stdout) as AnalysisResult).baselines[0]).toMatchObject({
      verdict: 'inconclusive',
      comparability: { passed: true },
    });
    const c = await run(
      'compare',
      '--input',
      history('phase43a-iter600.yaml'),
      '--input',
      history('phase43a-resumed.yaml'),
      '--arms',
      'phase43a',
      'phase43a-resumed',
      '--resamples',
      '1000',
    );
    expect(c.exitCode).toBe(0);
    expect(c.stdout).toContain(
      'Run phase43a beats run phase43a-resumed by a 20.4-point gap on the same 27 prompts, more than the choice of ' +
        'prompts explains: on this prompt set they behave as different models. phase43a − phase43a-resumed: +20.4 ' +
        'points, category-clustered t = 3.23, df 6, p = 0.018',
    );
  }, 120_000);
});
