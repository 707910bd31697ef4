import { relative } from 'node:path';
import type { Plan } from './run-spec.js';
import { prefixCachePlanLines } from '../wording/prefix-cache.js';

/** Training settings worth a column: those that differ between arms (the rest are shared). */
function differingKeys(plan: Plan): string[] {
  const byArm = new Map(plan.runs.map((r) => [r.arm, r.config]));
  const keys = new Set([...byArm.values()].flatMap((c) => Object.keys(c)));
  const skip = new Set(['model', 'data', 'train', 'seed', 'adapter_path']);
  return [...keys]
    .filter((k) => !skip.has(k) && new Set([...byArm.values()].map((c) => JSON.stringify(c[k]))).size > 1)
    .sort();
}

/**
 * The human view of `seedstudy plan`: one line per run in execution order, with the
 * settings that tell arms apart. Pure, so it is tested without a terminal.
 */
export function formatPlan(plan: Plan, cwd: string = process.cwd()): string {
  const { study, runs } = plan;
  const hf = plan.model.hf;
  const columns = differingKeys(plan);
  const rows = runs.map((r, i) => [
    String(i + 1),
    r.arm,
    String(r.seed),
    r.runId,
    ...columns.map((k) => JSON.stringify(r.config[k] ?? '-')),
    relative(cwd, r.runDir) || '.',
  ]);
  const header = ['#', 'arm', 'seed', 'runId', ...columns, 'run dir'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const first: Record<string, unknown> = runs[0]?.config ?? {};
  const shared = Object.keys(first)
    .filter((k) => !['model', 'data', 'train', 'seed', 'adapter_path'].includes(k) && !columns.includes(k))
    .map((k) => `${k}=${JSON.stringify(first[k])}`);
  return [
    `study ${study.name}: ${study.arms.length} arm(s) × ${study.seeds.length} seed(s) = ${runs.length} run(s), seed-major order`,
    `output ${study.outputDir}`,
    ...(hf ? [`model ${hf.repo}@${hf.revision} = commit ${hf.commit} (${plan.model.path})`] : []),
    `shared ${shared.join(' ') || '(mlx-lm defaults only)'}`,
    ...prefixCachePlanLines(plan.prefixCaches ?? [], (p) => relative(cwd, p) || '.'),
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
