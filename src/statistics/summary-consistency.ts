import type { HistoryCheckJson } from './analysis-result.js';
import { reachableNear } from './nearest-mean.js';

/**
 * Recomputes the summary figures a write-up printed (overall, per category, counts per score)
 * from the finest data the same write-up kept, and reports every disagreement. The seed document
 * says "16 prompts at 0.5, 10 at 0" next to a per-prompt table with 19 and 7: a reader who trusts
 * the summary trusts numbers that its own table contradicts.
 */

/** A printed figure: value (fraction) and the rounding its printed form admits. */
export interface PrintedFigure {
  value: number;
  tolerance: number;
  /** As printed, e.g. "38.9%". */
  text: string;
}

/** The data a history record keeps: per prompt, or per category when that is all that survived. */
export type HistoryData =
  | { granularity: 'prompt'; prompts: readonly { id: string; category: string; score: number }[] }
  | { granularity: 'category'; categories: readonly { category: string; prompts: number; score: number }[] };

/** One block of summary figures as printed in one place of the write-up. */
export interface ReportedSummary {
  source: string;
  overall?: PrintedFigure | undefined;
  categories?: Readonly<Record<string, PrintedFigure>> | undefined;
  /** Prompts per score value ("16 prompts scored 0.5"). */
  counts?: readonly { score: number; prompts: number }[] | undefined;
  /** The write-up marked the counts as approximate ("~22/27"). */
  approximate?: boolean | undefined;
}

/** What one check found, with the numbers wording/history-checks.ts phrases it from. */
export type HistoryFinding =
  | {
      kind: 'figure';
      matches: boolean;
      recomputed: number;
      granularity: HistoryData['granularity'];
      /** Printed minus recomputed (fraction). */
      difference: number;
      /** Set when the printed figure is not a score its prompt count can produce. */
      unreachable?: { text: string; prompts: number; nearest: [number, number] };
      /** Set when the printed overall is the plain mean of the categories instead. */
      categoryMean?: number;
    }
  | { kind: 'unknown-category'; category: string; known: string[] }
  | { kind: 'score-count'; matches: boolean; actual: number; approximate: boolean }
  | { kind: 'prompts-counted'; total: number; prompts: number; approximate: boolean }
  | {
      kind: 'implied-overall';
      matches: boolean;
      implied: number;
      overall: number;
      difference: number;
      approximate: boolean;
    };

/** One check as computed: the record's fields, the finding in place of its words (no `reported`: implied by counts). */
export type HistoryCheck = Omit<HistoryCheckJson, 'detail' | 'reported'> & {
  reported?: string;
  finding: HistoryFinding;
};

/** Category sums and sizes of the data. */
function categoryTotals(data: HistoryData): Map<string, { prompts: number; sum: number }> {
  const out = new Map<string, { prompts: number; sum: number }>();
  if (data.granularity === 'prompt') {
    for (const p of data.prompts) {
      const c = out.get(p.category) ?? { prompts: 0, sum: 0 };
      c.prompts++;
      c.sum += p.score;
      out.set(p.category, c);
    }
  } else {
    for (const c of data.categories) out.set(c.category, { prompts: c.prompts, sum: c.score * c.prompts });
  }
  return out;
}

/** Every check of one reported block against the data; `values` are what one prompt can score (null: unknown). */
export function checkReportedSummary(
  data: HistoryData,
  reported: ReportedSummary,
  values: readonly number[] | null,
): HistoryCheck[] {
  const totals = categoryTotals(data);
  const P = [...totals.values()].reduce((s, c) => s + c.prompts, 0);
  const overall = [...totals.values()].reduce((s, c) => s + c.sum, 0) / P;
  const categoryMean = [...totals.values()].reduce((s, c) => s + c.sum / c.prompts, 0) / totals.size;
  const checks: HistoryCheck[] = [];
  /** Whether `f` is a score n prompts can produce (undefined: cannot be checked), and the nearest ones if not. */
  type Reach = { reachable?: boolean; unreachable?: { text: string; prompts: number; nearest: [number, number] } };
  const reach = (f: PrintedFigure, n: number): Reach => {
    const near = values ? reachableNear(values, n, f.value, f.tolerance) : {};
    if (near.reachable === undefined) return {};
    if (near.reachable) return { reachable: true };
    return { reachable: false, unreachable: { text: f.text, prompts: n, nearest: near.nearest! } };
  };
  const figure = (name: string, f: PrintedFigure, recomputed: number, n: number, categoryMean?: number): void => {
    const agrees = Math.abs(f.value - recomputed) <= f.tolerance + 1e-9;
    const r = reach(f, n);
    checks.push({
      source: reported.source,
      figure: name,
      reported: f.text,
      recomputed,
      matches: agrees,
      agrees: agrees && r.reachable !== false,
      ...(r.reachable === undefined ? {} : { reachable: r.reachable }),
      finding: {
        kind: 'figure',
        matches: agrees,
        recomputed,
        granularity: data.granularity,
        difference: f.value - recomputed,
        ...(r.unreachable ? { unreachable: r.unreachable } : {}),
        ...(categoryMean === undefined ? {} : { categoryMean }),
      },
    });
  };
  if (reported.overall) {
    const o = reported.overall;
    const asMean =
      Math.abs(o.value - overall) > o.tolerance + 1e-9 && Math.abs(o.value - categoryMean) <= o.tolerance + 1e-9;
    figure('overall', o, overall, P, asMean ? categoryMean : undefined);
  }
  for (const [name, f] of Object.entries(reported.categories ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const t = totals.get(name);
    if (!t) {
      const finding = { kind: 'unknown-category' as const, category: name, known: [...totals.keys()] };
      const figure = `category ${name}`;
      checks.push({ source: reported.source, figure, reported: f.text, matches: false, agrees: false, finding });
      continue;
    }
    figure(`category ${name}`, f, t.sum / t.prompts, t.prompts);
  }
  if (reported.counts?.length) {
    const approximate = reported.approximate ?? false;
    const total = reported.counts.reduce((s, c) => s + c.prompts, 0);
    const implied = reported.counts.reduce((s, c) => s + c.score * c.prompts, 0) / Math.max(total, 1);
    if (data.granularity === 'prompt') {
      for (const c of [...reported.counts].sort((a, b) => b.score - a.score)) {
        const actual = data.prompts.filter((p) => Math.abs(p.score - c.score) < 1e-9).length;
        checks.push({
          source: reported.source,
          figure: `prompts scoring ${c.score}`,
          reported: String(c.prompts),
          recomputed: actual,
          matches: actual === c.prompts,
          agrees: actual === c.prompts,
          finding: { kind: 'score-count', matches: actual === c.prompts, actual, approximate },
        });
      }
    }
    checks.push({
      source: reported.source,
      figure: 'prompts counted',
      reported: String(total),
      recomputed: P,
      matches: total === P,
      agrees: total === P,
      finding: { kind: 'prompts-counted', total, prompts: P, approximate },
    });
    const agrees = Math.abs(implied - overall) <= 1e-9;
    checks.push({
      source: reported.source,
      figure: 'overall implied by the counts',
      recomputed: overall,
      matches: agrees,
      agrees,
      finding: {
        kind: 'implied-overall',
        matches: agrees,
        implied,
        overall,
        difference: implied - overall,
        approximate,
      },
    });
  }
  return checks;
}
