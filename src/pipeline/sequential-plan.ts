import { sequentialDesignHash } from '../plan/sequential-design-hash.js';
import { comparePlan, type ComparePlan } from '../statistics/sequential/compare-plan.js';
import { reproducePlan, type ReproducePlan } from '../statistics/sequential/reproduce-plan.js';
import type { SpendingFunction } from '../statistics/sequential/spending.js';
import type { CompareDesignSettings, ReproduceDesignSettings } from '../study/sequential-schema.js';
import type { Study } from '../study/study.js';

/**
 * The sequential design of a study as `seedstudy plan` prints it (and `--json` carries it): the
 * study's `sequential:` block turned into the statistics layer's specs and planned. The runner calls
 * `sequentialSpecs` for the same specs, so the plan and the looks can never disagree.
 */

/** A planned compare design. */
export interface CompareSequentialPlan {
  readonly question: 'compare';
  /** [A, B]: the difference is A − B. */
  readonly arms: readonly [string, string];
  readonly alpha: number;
  readonly designHash: string;
  readonly plan: ComparePlan;
}

/** A planned reproduce design. */
export interface ReproduceSequentialPlan {
  readonly question: 'reproduce';
  readonly baseline: string;
  readonly designHash: string;
  readonly plan: ReproducePlan;
}

export type SequentialPlan = CompareSequentialPlan | ReproduceSequentialPlan;

/** The statistics layer's spending function for a `spending` + `gamma` pair of the study file. */
export function spendingOf(kind: CompareDesignSettings['spending'], gamma: number | undefined): SpendingFunction {
  return kind === 'hwang-shih-decani' ? { kind, gamma: gamma ?? 0 } : { kind };
}

/** The design effect as d = Δ/σ. */
export function designEffectD(effect: CompareDesignSettings['effect']): number | undefined {
  if (!effect) return undefined;
  return 'd' in effect ? effect.d : effect.points / effect.sd;
}

/** The compare plan's spec from the study's block (shared with the look-by-look runner). */
export function compareSpec(design: CompareDesignSettings): Parameters<typeof comparePlan>[0] {
  const d = designEffectD(design.effect);
  return {
    looks: design.looks,
    alpha: design.alpha,
    spending: spendingOf(design.spending, design.gamma),
    power: design.power,
    ...(d === undefined ? {} : { effectD: d }),
    ...(design.futility
      ? {
          futility: spendingOf(design.futility.spending, design.futility.gamma),
          futilitySides: design.futility.sides === 'two' ? (2 as const) : (1 as const),
        }
      : {}),
  };
}

/** The study's sequential plan, or undefined for a fixed design. */
export function planSequential(study: Study): SequentialPlan | undefined {
  const design = study.sequential;
  const designHash = sequentialDesignHash(study);
  if (!design || !designHash) return undefined;
  if (design.question === 'compare')
    return {
      question: 'compare',
      arms: design.arms,
      alpha: design.alpha,
      designHash,
      plan: comparePlan(compareSpec(design)),
    };
  return {
    question: 'reproduce',
    baseline: design.baseline,
    designHash,
    plan: reproducePlan({ looks: design.looks, p0: design.p0, p1: design.p1, alpha: design.alpha, beta: design.beta }),
  };
}

/**
 * The locked design a compare study's looks are judged against (the plan's design): pass it to
 * statistics/sequential/compare-look.ts `compareLook` with `plannedMaxSeeds` = the last look.
 */
export function compareDesignOf(design: CompareDesignSettings): ComparePlan['design'] {
  return comparePlan(compareSpec(design)).design;
}

/** The calibrated reproduce design (exact bounds per look) for `reproduceLook`. */
export function reproduceDesignOf(design: ReproduceDesignSettings): ReproducePlan['design'] {
  return reproducePlan({ looks: design.looks, p0: design.p0, p1: design.p1, alpha: design.alpha, beta: design.beta })
    .design;
}
