import type {
  ClaimConsistencyJson,
  ComparabilityChecks,
  ComparabilityFinding,
  ComparabilityNote,
  FigureCheckJson,
} from './analysis-result.js';
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

function figureCheck(
  figure: string,
  claim: ClaimedValue,
  prompts: number,
  values: readonly number[] | null,
): FigureCheckJson {
  const near = values ? reachableNear(values, prompts, claim.value, claim.tolerance) : {};
  if (near.reachable === undefined) return { figure, claimed: claim.value, tolerance: claim.tolerance, prompts };
  return {
    figure,
    claimed: claim.value,
    tolerance: claim.tolerance,
    prompts,
    reachable: near.reachable,
    nearest: near.nearest!,
  };
}

/** The overall the claimed categories imply under both weightings, and whether the claimed overall matches either. */
export function claimConsistency(
  overall: ClaimedValue,
  categories: Readonly<Record<string, ClaimedValue>>,
  categoryPrompts: Readonly<Record<string, number>>,
): ClaimConsistencyJson {
  const names = Object.keys(categories);
  const P = names.reduce((s, c) => s + categoryPrompts[c]!, 0);
  const C = names.length;
  const promptWeighted = names.reduce((s, c) => s + categoryPrompts[c]! * categories[c]!.value, 0) / P;
  const categoryMean = names.reduce((s, c) => s + categories[c]!.value, 0) / C;
  const tolPrompt =
    overall.tolerance + names.reduce((s, c) => s + categoryPrompts[c]! * categories[c]!.tolerance, 0) / P;
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

/** The prompt-weighted overall when every unclaimed category scores 0, and when every one scores 1. */
function partialBounds(
  claimed: Readonly<Record<string, ClaimedValue>>,
  categoryPrompts: Readonly<Record<string, number>>,
): [number, number] {
  const names = Object.keys(categoryPrompts);
  const P = names.reduce((s, c) => s + categoryPrompts[c]!, 0);
  const fixed = Object.keys(claimed).reduce((s, c) => s + categoryPrompts[c]! * claimed[c]!.value, 0);
  const free = names.filter((c) => !Object.hasOwn(claimed, c)).reduce((s, c) => s + categoryPrompts[c]!, 0);
  return [fixed / P, (fixed + free) / P];
}

/** Runs every check of the gate and returns each failure and remark as a code with its numbers. */
export function checkClaimComparability(claim: ClaimFigures, structure: EvalStructure): ComparabilityChecks {
  const evalCategories = Object.keys(structure.categoryPrompts).sort();
  const P = evalCategories.reduce((s, c) => s + structure.categoryPrompts[c]!, 0);
  const values = structure.promptValues;
  const findings: ComparabilityFinding[] = [];
  const notes: ComparabilityNote[] = [];
  const checks: FigureCheckJson[] = [];
  let consistency: ClaimConsistencyJson | undefined;
  const asClaimed = (c: ClaimedValue) => ({ claimed: c.value, tolerance: c.tolerance });

  if (claim.promptCount !== undefined && claim.promptCount !== P) {
    findings.push({ code: 'prompt-count', claimed_prompts: claim.promptCount, eval_prompts: P });
  }
  const overall = figureCheck('overall', claim.overall, claim.promptCount ?? P, values);
  checks.push(overall);
  if (overall.reachable === false) {
    const at = { prompts: overall.prompts, values: [...values!], nearest: overall.nearest! };
    findings.push({ code: 'overall-unreachable', ...asClaimed(claim.overall), ...at });
  }
  const claimed = claim.categories ?? {};
  const unknown = Object.keys(claimed).filter((c) => !Object.hasOwn(structure.categoryPrompts, c));
  if (unknown.length) {
    findings.push({ code: 'unknown-categories', categories: unknown, eval_categories: evalCategories });
  }
  for (const name of Object.keys(claimed)
    .filter((c) => Object.hasOwn(structure.categoryPrompts, c))
    .sort()) {
    const n = structure.categoryPrompts[name]!;
    const check = figureCheck(name, claimed[name]!, n, values);
    checks.push(check);
    if (check.reachable === false) {
      const at = { category: name, prompts: n, nearest: check.nearest! };
      findings.push({ code: 'category-unreachable', ...asClaimed(claimed[name]!), ...at });
    }
  }
  const covered =
    Object.keys(claimed).length > 0 && unknown.length === 0 && evalCategories.every((c) => Object.hasOwn(claimed, c));
  if (covered) {
    consistency = claimConsistency(claim.overall, claimed, structure.categoryPrompts);
    const weighted = { category_mean: consistency.category_mean, prompt_weighted: consistency.prompt_weighted };
    if (consistency.agrees_prompt_weighted) {
      notes.push({ code: 'overall-agrees-prompt-weighted', prompt_weighted: consistency.prompt_weighted });
    } else if (consistency.agrees_category_mean) {
      findings.push({ code: 'overall-is-category-mean', ...asClaimed(claim.overall), ...weighted });
    } else {
      findings.push({ code: 'overall-disagrees', ...asClaimed(claim.overall), ...weighted });
    }
  } else if (Object.keys(claimed).length > 0 && unknown.length === 0) {
    // Some categories claimed: the overall must still lie between "every other category scored 0" and "scored 1".
    const [low, high] = partialBounds(claimed, structure.categoryPrompts);
    const tol =
      claim.overall.tolerance +
      Object.keys(claimed).reduce((t, c) => t + structure.categoryPrompts[c]! * claimed[c]!.tolerance, 0) / P;
    if (claim.overall.value < low - tol - 1e-12 || claim.overall.value > high + tol + 1e-12) {
      findings.push({ code: 'overall-outside-partial', ...asClaimed(claim.overall), low, high });
    } else {
      notes.push({ code: 'overall-inside-partial', low, high });
    }
  }

  const verifiable = values !== null && checks.every((c) => c.reachable !== undefined);
  if (!verifiable) {
    notes.push(
      values === null
        ? { code: 'values-unknown', values_source: structure.valuesSource }
        : { code: 'lattice-too-fine' },
    );
  }
  const passed = findings.length === 0;
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
    findings,
    notes,
  };
}
