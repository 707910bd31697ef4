import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

/** `seedstudy report --input …`: the full report for results seedstudy did not produce. */
const cli = [resolve('node_modules/.bin/vite-node'), resolve('test/fixtures/fake-trainer/seedstudy-cli.ts'), '--'];
const run = (cwd: string, ...args: string[]) =>
  execa(cli[0]!, [...cli.slice(1), ...args], { cwd, reject: false, timeout: 120_000 });
const fixtures = resolve('test/fixtures/import');

async function files(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe('seedstudy report --input', () => {
  it('writes the HTML and Markdown report of inspect_ai logs, outputs escaped', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'seedstudy-report-input-'));
    const logs = await files(join(fixtures, 'inspect'), /\.json$/);
    const r = await run(
      cwd,
      'report',
      ...logs.flatMap((f) => ['--input', f]),
      '--seed-pattern',
      'seed-(\\d+)',
      '--defaults',
      'arm=lora,checkpoint=800',
      '--name',
      'inspect-import',
      '--no-png',
      '--resamples',
      '500',
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Report written to ${join('reports', 'inspect-import', 'index.html')}`);
    const dir = join(cwd, 'reports', 'inspect-import');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('inspect-import');
    expect(html).toContain('lora');
    // The imported outputs reach the drill-down as text, never as markup.
    expect(html).toContain('&lt;tool_call&gt;');
    expect(html).not.toContain('<tool_call>');
    expect(existsSync(join(dir, 'report.md'))).toBe(true);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('3 seeds');
  });

  it('reports lm-eval samples and a column-mapped CSV as two arms of one report', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'seedstudy-report-input-'));
    const samples = await files(join(fixtures, 'lm-eval'), /^samples_.*\.jsonl$/);
    const r = await run(
      cwd,
      'report',
      ...samples.flatMap((f) => ['--input', f]),
      '--seed-pattern',
      'seed-(\\d+)',
      '--defaults',
      'arm=dummy,checkpoint=100',
      '--metric',
      'acc',
      '--no-png',
      '--resamples',
      '500',
    );
    expect(r.exitCode).toBe(0);
    const html = readFileSync(join(cwd, 'reports', 'imported', 'index.html'), 'utf8');
    expect(html).toContain('dummy');
    const csv = await run(
      cwd,
      'report',
      '--input',
      join(fixtures, 'mapped.csv'),
      '--columns',
      'seed=run_seed,prompt_id=doc_id,category=subject,score=acc,checkpoint=train_step',
      '--defaults',
      'arm=other',
      '--to',
      'mapped-report',
      '--no-png',
      '--resamples',
      '500',
    );
    expect(csv.exitCode).toBe(0);
    expect(readFileSync(join(cwd, 'mapped-report', 'report.md'), 'utf8')).toContain('4 seeds');
  });

  it('refuses import flags without --input, and category-level records, with exit 2', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'seedstudy-report-input-'));
    const a = await run(cwd, 'analyze', '--metric', 'acc');
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toContain('--metric applies to --input files only');
    const cat = await run(
      cwd,
      'report',
      '--input',
      resolve('test/fixtures/phase43a/phase43a-resumed-categories.csv'),
      '--no-png',
    );
    expect(cat.exitCode).toBe(2);
    expect(cat.stderr).toContain('category-level results');
    expect(existsSync(join(cwd, 'reports'))).toBe(false);
  });
});
