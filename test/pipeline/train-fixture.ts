import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { fakeData, FAKE_TRAINER } from '../launch/fake-study.js';

/**
 * A study directory on disk for train-stage tests: a stub model dir (config.json only: the fake
 * trainer never loads it), 8-line data splits, an eval suite file, and a study.yaml whose engine
 * is the fake trainer. Returns the study file path.
 */
export async function writeFakeStudy(
  options: {
    arms?: unknown[];
    seeds?: number[];
    train?: Record<string, unknown>;
    executor?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'seedstudy-pipeline-'));
  await mkdir(join(root, 'model'));
  await writeFile(join(root, 'model', 'config.json'), JSON.stringify({ model_type: 'qwen3', num_hidden_layers: 2 }));
  await fakeData(root);
  await writeFile(join(root, 'suite.yaml'), 'prompts: []\n');
  const study = {
    name: 'fake',
    model: 'model',
    data: 'data',
    output: 'out',
    train: {
      iters: 20,
      save_every: 10,
      steps_per_report: 5,
      steps_per_eval: 10,
      batch_size: 2,
      num_layers: -1,
      ...options.train,
    },
    ...(options.arms && { arms: options.arms }),
    seeds: options.seeds ?? [1, 2],
    eval: { suite: 'suite.yaml' },
    executor: {
      kind: 'local',
      concurrency: 1,
      eval_concurrency: 0,
      stall_timeout_s: 5,
      grace_s: 1,
      ...options.executor,
    },
    engine: { lora_command: FAKE_TRAINER },
  };
  const file = join(root, 'study.yaml');
  await writeFile(file, stringify(study));
  return file;
}

/**
 * The study of the fake-pipeline tests (run e2e, fault injection): 2 arms × 2 seeds and three prompts, of
 * which the fake worker (it always answers `execute_code("<id>()")`) gets p1 and p2 right and p3 wrong.
 */
export async function writeMiniRunStudy(): Promise<{ file: string; root: string }> {
  const arms = [{ name: 'a' }, { name: 'b', train: { learning_rate: 0.001 } }];
  const file = await writeFakeStudy({ arms, seeds: [1, 2] });
  const root = dirname(file);
  const prompts = [
    ['p1', 'p1'],
    ['p2', 'p2'],
    ['p3', 'other'],
  ].map(([id, tool]) => `  - {id: ${id}, category: c, prompt: "do ${id}", expected_tool: ${tool}}`);
  await writeFile(join(root, 'suite.yaml'), ['name: mini', 'prompts:', ...prompts].join('\n') + '\n');
  const doc = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  doc['analysis'] = { resamples: 200 };
  await writeFile(file, stringify(doc));
  return { file, root };
}
