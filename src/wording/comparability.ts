import type {
  ComparabilityChecks,
  ComparabilityFinding,
  ComparabilityJson,
  ComparabilityNote,
  RunsComparability,
} from '../statistics/analysis-result.js';
import { nearerOf } from '../statistics/nearest-mean.js';
import { pct2, pctExact, scoreValuesText, trimmed } from './numbers.js';

/**
 * The comparability gate (statistics/claim-comparability.ts) in words: each finding and note,
 * and the one-line reason the CLI, the report and summary.json give for a claim's verdict.
 * Figures at stake in reachability have 2 decimals (81.48% is 44/54); claimed figures as given.
 */

const rounding = (tolerance: number) => `±${trimmed(100 * tolerance)} points`;
/** "0, 0.5 or 1". */
const valuesText = (v: readonly number[]) =>
  v
    .map((x) => trimmed(x))
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');
const prompts = (n: number) => `${n} prompt${n === 1 ? '' : 's'}`;

/** One finding as a clause. */
export function findingText(f: ComparabilityFinding): string {
  switch (f.code) {
    case 'prompt-count':
      return `the claim was scored on ${f.claimed_prompts} prompts, this eval has ${f.eval_prompts}`;
    case 'overall-unreachable':
      return (
        `${pctExact(f.claimed)} (${rounding(f.tolerance)} rounding) is not an overall score ${f.prompts} ` +
        `prompts scored ${valuesText(f.values)} can produce (nearest: ${pct2(f.nearest[0])} and ` +
        `${pct2(f.nearest[1])})`
      );
    case 'unknown-categories': {
      const one = f.categories.length === 1;
      return (
        `categor${one ? 'y' : 'ies'} ${f.categories.join(', ')} ${one ? 'is' : 'are'} not in this eval (it has ` +
        `${f.eval_categories.join(', ')})`
      );
    }
    case 'category-unreachable':
      return (
        `${f.category} ${pctExact(f.claimed)} is not a score ${prompts(f.prompts)} can produce (nearest: ` +
        `${pct2(f.nearest[0])} and ${pct2(f.nearest[1])})`
      );
    case 'overall-is-category-mean':
      return (
        `the overall ${pctExact(f.claimed)} is the plain mean of the category figures ` +
        `(${pct2(f.category_mean)}), not the prompt-weighted mean seedstudy reports (${pct2(f.prompt_weighted)}): it ` +
        `measures a different aggregate`
      );
    case 'overall-disagrees':
      return (
        `the overall ${pctExact(f.claimed)} agrees with the category figures under neither weighting ` +
        `(prompt-weighted ${pct2(f.prompt_weighted)}, mean of categories ${pct2(f.category_mean)})`
      );
    case 'overall-outside-partial':
      return (
        `the overall ${pctExact(f.claimed)} is outside ${pct2(f.low)}–${pct2(f.high)}, the range the claimed ` +
        `categories allow whatever the other categories scored`
      );
  }
}

/** One note as a clause. */
export function noteText(n: ComparabilityNote): string {
  switch (n.code) {
    case 'overall-agrees-prompt-weighted':
      return `the overall agrees with the category figures weighted by prompt count (${pct2(n.prompt_weighted)})`;
    case 'overall-inside-partial':
      return (
        `the claimed categories do not cover the eval; the overall is within ${pct2(n.low)}–${pct2(n.high)}, ` +
        `the range they allow`
      );
    case 'values-unknown':
      return `reachability was not checked: the values ${n.values_source} gives are not known`;
    case 'lattice-too-fine':
      return 'reachability was not checked: the score lattice is too fine to enumerate';
  }
}

/** "82.41% is within its ±0.05 points rounding of 81.48%, a score 27 prompts scored … can produce". */
function overallReachableText(c: ComparabilityChecks): string {
  const overall = c.checks[0]!;
  const scored =
    `${c.prompt_count} prompts scored ` + `${c.score_values ? valuesText(c.score_values) : 'by an unknown rule'}`;
  if (!overall.nearest) return `${pctExact(overall.claimed)} was not checked against the scores ${scored} can produce`;
  const hit = nearerOf(overall.nearest, overall.claimed);
  return Math.abs(hit - overall.claimed) < 1e-9
    ? `${pctExact(overall.claimed)} is a score ${scored} can produce`
    : `${pctExact(overall.claimed)} is within its ${rounding(overall.tolerance)} rounding of ${pct2(hit)}, a score ` +
        `${scored} can produce`;
}

/** Why a claim is or is not comparable, in one sentence. */
export function comparabilityReason(c: ComparabilityChecks): string {
  const notes = c.notes.map(noteText);
  if (c.findings.length === 0) return [overallReachableText(c), ...notes].join('; ');
  const note = notes.length ? `. Note: ${notes.join('; ')}` : '';
  const problems = c.findings.map(findingText).join('; ');
  return (
    `${problems}; so the claim is not the same measurement as this eval (another prompt set, weighting or ` +
    `rubric, or edited figures)${note}`
  );
}

/** The gate's result with its words, as summary.json holds it. */
export function wordComparability(c: ComparabilityChecks): ComparabilityJson {
  return { ...c, problems: c.findings.map(findingText), reason: comparabilityReason(c) };
}

/** Two single runs' comparability (statistics/analyze.ts) as the document holds it: passed, verifiable, reason. */
export function wordRunsComparability(c: RunsComparability): { passed: boolean; verifiable: boolean; reason: string } {
  const { passed, verifiable } = c;
  if (c.values === null) {
    const reason =
      `the values ${c.values_source} gives are not known, ` +
      'so whether both runs were scored the same way was not checked';
    return { passed, verifiable, reason };
  }
  const shown = scoreValuesText(c.values);
  if (c.unreachable.length === 0) {
    return { passed, verifiable, reason: `every category score of both runs is one ${shown} scoring can produce` };
  }
  const runs = c.unreachable.map(({ arm, categories }) => {
    const off = categories.map(
      (k) =>
        `${k.category} ${pctExact(k.score, 2)} of ${prompts(k.prompts)} ` +
        `(nearest ${pctExact(k.nearest[0], 2)} and ${pctExact(k.nearest[1], 2)})`,
    );
    const verb = off.length === 1 ? 'is not a score' : 'are not scores';
    return `${arm}: ${off.join(', ')} ${verb} ${shown} scoring can produce`;
  });
  return { passed, verifiable, reason: runs.join('; ') };
}
