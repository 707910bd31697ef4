import { UserError } from '../errors/user-error.js';
import type { HistoryCheckJson } from '../statistics/analysis-result.js';
import type { CategoryObservation } from '../statistics/category-observation.js';
import type { Observation } from '../statistics/observation.js';
import { nearerOf, reachableNear } from '../statistics/nearest-mean.js';
import { DEFAULT_SCORE_VALUES } from '../statistics/score-values.js';
import { checkReportedSummary, type PrintedFigure, type ReportedSummary } from '../statistics/summary-consistency.js';
import { parseClaimedFigure } from '../study/claimed-figure.js';
import { lineAt, parseYamlSource } from '../study/yaml-source.js';
import { zodIssuesToUserError } from '../study/zod-issue-error.js';
import { wordHistoryCheck } from '../wording/history-checks.js';
import { pct2 } from '../wording/numbers.js';
import { historyRecordSchema } from '../results/history-record.js';

/** One imported record: its data as observations, and every printed figure checked against them. */
export interface ImportedHistory {
  file: string;
  arm: string;
  observations: Observation[];
  categoryLevel: CategoryObservation[];
  /** The record's declared per-prompt values, or the default. */
  scoreValues: number[];
  checks: HistoryCheckJson[];
  /**
   * Import decisions worth a warning (a category figure kept as printed because it is unreachable). Disagreements live
   * in `checks`.
   */
  warnings: string[];
}

function printed(figure: number | string): PrintedFigure {
  const f = parseClaimedFigure(figure);
  return { value: f.value, tolerance: f.printedTolerance, text: typeof figure === 'string' ? f.text : pct2(f.value) };
}

/**
 * Parses a YAML history record (history-record.ts). Validation happens here once: errors name
 * the file, line, key and fix. A printed category percentage within its rounding of a reachable
 * score is snapped to it (33.3% of 3 prompts is 1/3); one that is not is kept as printed and
 * warned about, as the CSV importer does.
 */
export function parseHistoryRecord(file: string, text: string): ImportedHistory {
  const source = parseYamlSource(file, text);
  const parsed = historyRecordSchema.safeParse(source.data);
  if (!parsed.success) throw zodIssuesToUserError(parsed.error.issues, source, historyRecordSchema);
  const r = parsed.data;
  const values = r.score_values
    ? [...new Set(r.score_values)].sort((a, b) => a - b)
    : [...DEFAULT_SCORE_VALUES.values!];
  const out: ImportedHistory = {
    file,
    arm: r.arm,
    observations: [],
    categoryLevel: [],
    scoreValues: values,
    checks: [],
    warnings: [],
  };
  const base = { arm: r.arm, seed: r.seed, checkpoint: r.checkpoint, valLoss: r.val_loss };

  if (r.prompts) {
    const seen = new Map<string, number>();
    r.prompts.forEach((p, i) => {
      if (seen.has(p.id)) {
        throw new UserError(`duplicate prompt id "${p.id}" (prompts[${seen.get(p.id)}] and prompts[${i}])`, {
          file,
          keyPath: `prompts[${i}].id`,
          ...lineAt(source, ['prompts', i, 'id']),
          fix: 'each prompt appears once per record',
        });
      }
      seen.set(p.id, i);
      if (!values.some((v) => Math.abs(v - p.score) < 1e-9)) {
        throw new UserError(`score ${p.score} is not one of the record's score_values (${values.join(', ')})`, {
          file,
          keyPath: `prompts[${i}].score`,
          ...lineAt(source, ['prompts', i, 'score']),
          fix: 'correct the score, or list every value the rubric gives in score_values',
        });
      }
      out.observations.push({
        ...base,
        promptId: p.id,
        category: p.category,
        score: p.score,
        failureClass: p.failure_class,
        repeat: 0,
      });
    });
  } else {
    const seen = new Set<string>();
    r.categories!.forEach((c, i) => {
      if (seen.has(c.category))
        throw new UserError(`category "${c.category}" appears twice`, {
          file,
          keyPath: `categories[${i}].category`,
          ...lineAt(source, ['categories', i, 'category']),
          fix: 'give each category one entry',
        });
      seen.add(c.category);
      const f = printed(c.score);
      const near = reachableNear(values, c.prompts, f.value, f.tolerance);
      let score = f.value;
      if (near.reachable) {
        score = nearerOf(near.nearest!, f.value);
      } else if (near.reachable === false) {
        const [lo, hi] = near.nearest!;
        out.warnings.push(
          `${file}: ${r.arm} ${c.category}: ${f.text} of ${c.prompts} prompt(s) is not a score ${values.join('/')} scoring can produce (nearest ${pct2(lo)} and ${pct2(hi)}); kept as printed`,
        );
      }
      out.categoryLevel.push({ ...base, category: c.category, promptCount: c.prompts, score });
    });
  }

  const data = r.prompts
    ? {
        granularity: 'prompt' as const,
        prompts: out.observations.map((o) => ({ id: o.promptId, category: o.category, score: o.score })),
      }
    : {
        granularity: 'category' as const,
        categories: out.categoryLevel.map((c) => ({ category: c.category, prompts: c.promptCount, score: c.score })),
      };
  for (const rep of r.reported) {
    const summary: ReportedSummary = {
      source: rep.source,
      overall: rep.overall === undefined ? undefined : printed(rep.overall),
      categories: rep.categories
        ? Object.fromEntries(Object.entries(rep.categories).map(([k, v]) => [k, printed(v)]))
        : undefined,
      counts: rep.counts,
      approximate: rep.approximate,
    };
    out.checks.push(...checkReportedSummary(data, summary, values).map(wordHistoryCheck));
  }
  return out;
}
