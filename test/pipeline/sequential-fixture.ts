import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFakeStudy } from './train-fixture.js';

/** Prompts of the sequential fixtures' suite: ten, each right only when answered with its own tool. */
export const SEQUENTIAL_PROMPTS = 10;

/**
 * A study with a `sequential:` block for the fake trainer and worker: by default arms a and b (b with
 * another learning rate), `seeds` seeds, ten prompts p0..p9. The fake worker's FAKE_WORKER_RIGHT
 * (prompts right per arm/seed) sets each run's score, so a test chooses what the looks see.
 */
export async function writeSequentialStudy(
  sequential: Record<string, unknown>,
  seeds: number[],
  options: { arms?: unknown[]; extra?: Record<string, unknown> } = {},
): Promise<{ file: string; root: string }> {
  const arms = options.arms ?? [{ name: 'a' }, { name: 'b', train: { learning_rate: 0.001 } }];
  const file = await writeFakeStudy({ arms, seeds });
  const root = dirname(file);
  const prompts = Array.from(
    { length: SEQUENTIAL_PROMPTS },
    (_, i) => `  - {id: p${i}, category: c, prompt: "do p${i}", expected_tool: p${i}}`,
  );
  await writeFile(join(root, 'suite.yaml'), ['name: seq', 'prompts:', ...prompts].join('\n') + '\n');
  const doc = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  doc['analysis'] = { resamples: 200 };
  doc['sequential'] = sequential;
  Object.assign(doc, options.extra);
  await writeFile(file, stringify(doc));
  return { file, root };
}

/** FAKE_WORKER_RIGHT for per-seed counts of prompts right: {a: [9, 10, ...], b: [...]} by seed order. */
export function rightTable(seeds: readonly number[], perArm: Record<string, readonly number[]>): string {
  const table: Record<string, number> = {};
  for (const [arm, counts] of Object.entries(perArm)) seeds.forEach((s, i) => (table[`${arm}/${s}`] = counts[i]!));
  return JSON.stringify(table);
}
