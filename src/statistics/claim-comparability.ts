import type { ClaimConsistencyJson, ComparabilityJson, FigureCheckJson } from './analysis-result.js';
import { nearerOf, reachableNear } from './nearest-mean.js';

/**
 * The comparability gate run before every reproduction verdict (issue 9, docs/references.md §22): could
 * the claimed figures have come from this eval at all? Each figure must be reachable from the
 * eval's prompt counts and the values its scorer can give (within the claim's rounding), and a
 * claimed overall must agree with the claimed categories the way seedstudy aggregates (every
 * prompt weighs the same). A claim that fails is not a measurement of the same thing as our
 * seeds, so no statistic about the seeds can confirm or refute it.
 */

/** A figure as claimed: its value (fraction) and the rounding it was printed with. */
export interface ClaimedValue {
  value: number;
  /** Half a unit of the last printed digit unless stated: 82.4% → 0.0005. */
  tolerance: number;
}

/** What was claimed. */
export interface ClaimFigures {
  overall: ClaimedValue;
  categories?: Readonly<Record<string, ClaimedValue>> | undefined;
  /** Prompts the claim was scored on, when the source says. */
  promptCount?: number | undefined;
}

/** The eval the seeds were scored on, as far as reachability is concerned. */
export interface EvalStructure {
  /** Prompts per category. */
  categoryPrompts: Readonly<Record<string, number>>;
  /** Values one prompt's score can take (repeats already averaged); null when unknown (external scorer). */
  promptValues: readonly number[] | null;
  /** Where promptValues comes from, in words ("the tool-call scorer"). */
  valuesSource: string;
}

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
const pts = (t: number) => `${+(100 * t).toFixed(4)} points`;
const shown = (c: ClaimedValue) => `${+(100 * c.value).toFixed(4)}%`;
const valuesText = (v: readonly number[]) => v.map((x) => `${+x.toFixed(4)}`).join(', ').replace(/, ([^,]*)$/, ' or $1');

function figureCheck(figure: string, claim: ClaimedValue, prompts: number, values: readonly number[] | null): FigureCheckJson {
  const near = values ? reachableNear(values, prompts, claim.value, claim.tolerance) : {};
  if (near.reachable === undefined) return { figure, claimed: claim.value, tolerance: claim.tolerance, prompts };
  return { figure, claimed: claim.value, tolerance: claim.tolerance, prompts, reachable: near.reachable, nearest: near.nearest! };
}

/** The overall the claimed categories imply under both weightings, and whether the claimed overall matches either. */
export function claimConsistency(overall: ClaimedValue, categories: Readonly<Record<string, ClaimedValue>>, categoryPrompts: Readonly<Record<string, number>>): ClaimConsistencyJson {
  const names = Object.keys(categories);
  const P = names.reduce((s, c) => s + categoryPrompts[c]!, 0);
  const C = names.length;
  const promptWeighted = names.reduce((s, c) => s + categoryPrompts[c]! * categories[c]!.value, 0) / P;
  const categoryMean = names.reduce((s, c) => s + categories[c]!.value, 0) / C;
  const tolPrompt = overall.tolerance + names.reduce((s, c) => s + categoryPrompts[c]! * categories[c]!.tolerance, 0) / P;
  const tolCategory = overall.tolerance + names.reduce((s, c) => s + categories[c]!.tolerance, 0) / C;
  return {
    prompt_weighted: promptWeighted,
    category_mean: categoryMean,
    tolerance_prompt_weighted: tolPrompt,
    tolerance_category_mean: tolCategory,
    agrees_prompt_weighted: Math.abs(overall.value - promptWeighted) <= tolPrompt + 1e-12,
    agrees_category_mean: Math.abs(overall.value - categoryMean) <= tolCategory + 1e-12,
  };
}

/** "82.41% is within its ±0.05 points rounding of 81.48% (44/54)…" or "38.9% is … a score this eval can produce". */
function overallReachableText(claim: ClaimedValue, check: FigureCheckJson, P: number, values: readonly number[] | null): string {
  const scored = `${P} prompts scored ${values ? valuesText(values) : 'by an unknown rule'}`;
  if (!check.nearest) return `${shown(claim)} was not checked against the scores ${scored} can produce`;
  const hit = nearerOf(check.nearest, claim.value);
  return Math.abs(hit - claim.value) < 1e-9
    ? `${shown(claim)} is a score ${scored} can produce`
    : `${shown(claim)} is within its ±${pts(claim.tolerance)} rounding of ${pct(hit)}, a score ${scored} can produce`;
}

/** The prompt-weighted overall when every unclaimed category scores 0, and when every one scores 1. */
function partialBounds(claimed: Readonly<Record<string, ClaimedValue>>, categoryPrompts: Readonly<Record<string, number>>): [number, number] {
  const names = Object.keys(categoryPrompts);
  const P = names.reduce((s, c) => s + categoryPrompts[c]!, 0);
  const fixed = Object.keys(claimed).reduce((s, c) => s + categoryPrompts[c]! * claimed[c]!.value, 0);
  const free = names.filter((c) => !Object.hasOwn(claimed, c)).reduce((s, c) => s + categoryPrompts[c]!, 0);
  return [fixed / P, (fixed + free) / P];
}

/** Runs every check of the gate and says, in words, why a claim is or is not comparable. */
export function checkClaimComparability(claim: ClaimFigures, structure: EvalStructure): ComparabilityJson {
  const evalCategories = Object.keys(structure.categoryPrompts).sort();
  const P = evalCategories.reduce((s, c) => s + structure.categoryPrompts[c]!, 0);
  const values = structure.promptValues;
  const problems: string[] = [];
  const notes: string[] = [];
  const checks: FigureCheckJson[] = [];
  let consistency: ClaimConsistencyJson | undefined;

  if (claim.promptCount !== undefined && claim.promptCount !== P) {
    problems.push(`the claim was scored on ${claim.promptCount} prompts, this eval has ${P}`);
  }
  const overall = figureCheck('overall', claim.overall, claim.promptCount ?? P, values);
  checks.push(overall);
  if (overall.reachable === false) {
    problems.push(`${shown(claim.overall)} (±${pts(claim.overall.tolerance)} rounding) is not an overall score ${overall.prompts} prompts scored ${valuesText(values!)} can produce (nearest: ${pct(overall.nearest![0])} and ${pct(overall.nearest![1])})`);
  }
  const claimed = claim.categories ?? {};
  const unknown = Object.keys(claimed).filter((c) => !Object.hasOwn(structure.categoryPrompts, c));
  if (unknown.length) problems.push(`categor${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in this eval (it has ${evalCategories.join(', ')})`);
  for (const name of Object.keys(claimed).filter((c) => Object.hasOwn(structure.categoryPrompts, c)).sort()) {
    const n = structure.categoryPrompts[name]!;
    const check = figureCheck(name, claimed[name]!, n, values);
    checks.push(check);
    if (check.reachable === false) {
      problems.push(`${name} ${shown(claimed[name]!)} is not a score ${n} prompt${n === 1 ? '' : 's'} can produce (nearest: ${pct(check.nearest![0])} and ${pct(check.nearest![1])})`);
    }
  }
  const covered = Object.keys(claimed).length > 0 && unknown.length === 0 && evalCategories.every((c) => Object.hasOwn(claimed, c));
  if (covered) {
    consistency = claimConsistency(claim.overall, claimed, structure.categoryPrompts);
    const { prompt_weighted: pw, category_mean: cm } = consistency;
    if (consistency.agrees_prompt_weighted) {
      notes.push(`the overall agrees with the category figures weighted by prompt count (${pct(pw)})`);
    } else if (consistency.agrees_category_mean) {
      problems.push(`the overall ${shown(claim.overall)} is the plain mean of the category figures (${pct(cm)}), not the prompt-weighted mean seedstudy reports (${pct(pw)}): it measures a different aggregate`);
    } else {
      problems.push(`the overall ${shown(claim.overall)} agrees with the category figures under neither weighting (prompt-weighted ${pct(pw)}, mean of categories ${pct(cm)})`);
    }
  } else if (Object.keys(claimed).length > 0 && unknown.length === 0) {
    // Some categories claimed: the overall must still lie between "every other category scored 0" and "scored 1".
    const [low, high] = partialBounds(claimed, structure.categoryPrompts);
    const tol = claim.overall.tolerance + Object.keys(claimed).reduce((t, c) => t + structure.categoryPrompts[c]! * claimed[c]!.tolerance, 0) / P;
    if (claim.overall.value < low - tol - 1e-12 || claim.overall.value > high + tol + 1e-12) {
      problems.push(`the overall ${shown(claim.overall)} is outside ${pct(low)}–${pct(high)}, the range the claimed categories allow whatever the other categories scored`);
    } else {
      notes.push(`the claimed categories do not cover the eval; the overall is within ${pct(low)}–${pct(high)}, the range they allow`);
    }
  }

  const verifiable = values !== null && checks.every((c) => c.reachable !== undefined);
  if (!verifiable) notes.push(`reachability was not checked: ${values === null ? `the values ${structure.valuesSource} gives are not known` : 'the score lattice is too fine to enumerate'}`);
  const passed = problems.length === 0;
  const reason = passed
    ? [overallReachableText(claim.overall, overall, P, values), ...notes].join('; ')
    : `${problems.join('; ')}; so the claim is not the same measurement as this eval (another prompt set, weighting or rubric, or edited figures)${notes.length ? `. Note: ${notes.join('; ')}` : ''}`;
  return {
    passed,
    verifiable,
    prompt_count: claim.promptCount ?? P,
    tolerance: claim.overall.tolerance,
    ...(values ? { score_values: [...values] } : {}),
    ...(overall.reachable !== undefined ? { on_grid: overall.reachable, nearest: overall.nearest! } : {}),
    ...(passed && overall.reachable ? { effective: nearerOf(overall.nearest!, claim.overall.value) } : {}),
    checks,
    ...(consistency ? { consistency } : {}),
    problems,
    reason,
  };
}
