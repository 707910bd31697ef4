import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fixture study files (test/fixtures/studies). */
export const studyFixtures = fileURLToPath(new URL('../fixtures/studies/', import.meta.url));

const example = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `q${i}` },
      { role: 'assistant', content: `a${i}` },
    ],
  });
const lines = (n: number) => Array.from({ length: n }, (_, i) => example(i)).join('\n') + '\n';

/**
 * A temporary directory with a fake model (config.json, 4 layers, a tiny weights file), data
 * directories and an eval suite, into which fixture studies are copied: the study rules can
 * then run without the real tiny model.
 */
export async function makeWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'seedstudy-ws-'));
  await mkdir(join(dir, 'model'));
  await writeFile(join(dir, 'model', 'config.json'), JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 4 }));
  await writeFile(join(dir, 'model', 'model.safetensors'), 'fake weights');
  for (const [name, counts] of [
    ['data', [8, 8, 8]],
    ['data-short', [8, 2, 8]],
    ['data-no-test', [8, 8, 0]],
  ] as const) {
    await mkdir(join(dir, name));
    for (const [i, split] of (['train', 'valid', 'test'] as const).entries())
      if (counts[i]! > 0) await writeFile(join(dir, name, `${split}.jsonl`), lines(counts[i]!));
  }
  await writeFile(
    join(dir, 'suite.yaml'),
    'name: fixture\nprompts:\n  - {id: p1, category: c, prompt: "Show config.py", expected_tool: read_file}\n',
  );
  return dir;
}

/** Copies fixture `relative` (e.g. `invalid/typo-train-key.yaml`) into the workspace; returns its new path. */
export async function placeFixture(workspace: string, relative: string): Promise<string> {
  const target = join(workspace, relative.split('/').at(-1)!);
  await cp(join(studyFixtures, relative), target);
  return target;
}
