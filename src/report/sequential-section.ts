import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import { seedsCell } from '../wording/sequential-phrases.js';
import {
  sequentialSentences,
  type SequentialDesignFacts,
  type SequentialSentences,
} from '../wording/sequential-outcome.js';

/**
 * The report's "Sequential design" section as data: the record of the looks (sequential.json), the
 * sentences every medium prints (wording/sequential-outcome.ts) and one row per look for the chart of the
 * statistic against its boundaries. Built only when sequential.json exists; a fixed study has none.
 */
export interface SequentialSection {
  question: SequentialRecord['question'];
  record: SequentialRecord;
  /** Planned looks, when the study file was at hand (null: unknown, "look 2" instead of "look 2 of 4"). */
  plannedLooks: number | null;
  sentences: SequentialSentences;
  looks: SequentialLookRow[];
}

/**
 * One look on the chart. Compare: the z statistic, the efficacy boundary ±c and the futility bound (one-sided
 * z < f, or two-sided |z| < f). Reproduce: the runs reaching the claim against the two count bounds.
 */
export interface SequentialLookRow {
  look: number;
  /** "look 2 · 10/arm" (compare) or "look 2 · 4 runs" (reproduce): the x axis label. */
  label: string;
  /** z (compare) or hits (reproduce); null when the look could not be judged. */
  statistic: number | null;
  /** Efficacy boundary +c (compare) or "reproducible" count bound (reproduce); null when none. */
  upper: number | null;
  /** Efficacy boundary −c (compare) or "not reproducible" count bound (reproduce); null when none. */
  lower: number | null;
  /** Futility bound (compare only); with two-sided futility also its mirror in `futilityLower`. */
  futility: number | null;
  futilityLower: number | null;
  decision: SequentialLook['decision'];
}

/** The section's model from a validated record and what the study file says about the design. */
export function sequentialSection(record: SequentialRecord, design: SequentialDesignFacts = {}): SequentialSection {
  return {
    question: record.question,
    record,
    plannedLooks: design.looks?.length ?? null,
    sentences: sequentialSentences(record, design),
    looks: record.looks.map(lookRow),
  };
}

function lookRow(look: SequentialLook): SequentialLookRow {
  const s = look.statistic;
  const base = { look: look.look, decision: look.decision };
  if (s?.question === 'reproduce') {
    return {
      ...base,
      label: `look ${look.look} · ${s.runs} runs`,
      statistic: s.hits,
      upper: s.reproducibleAtLeast <= s.runs ? s.reproducibleAtLeast : null,
      lower: s.notReproducibleAtMost >= 0 ? s.notReproducibleAtMost : null,
      futility: null,
      futilityLower: null,
    };
  }
  const label = `look ${look.look} · ${seedsCell(look)}/arm`;
  if (!s) return { ...base, label, statistic: null, upper: null, lower: null, futility: null, futilityLower: null };
  return {
    ...base,
    label,
    statistic: s.z,
    upper: s.efficacyZ,
    lower: -s.efficacyZ,
    futility: s.futilityZ,
    futilityLower: s.futilityZ !== null && s.futilitySides === 2 ? -s.futilityZ : null,
  };
}

/** True for the chart shown in the Sequential design section rather than in the chart gallery. */
export function inSequential(chart: { id: string }): boolean {
  return chart.id === 'sequential-looks';
}
