/**
 * The per-arm record of `analyze --json` (snake_case keys, scores as fractions in [0, 1]).
 *
 * Why one assembler: every number about an arm must come from the same per-seed scores, the same
 * prompt set and the same seeded RNG stream, and say how it was obtained. Headline: mean with the t
 * interval over seeds (prompts fixed). Beside it: percentile bootstrap, BCa (only with ≥ 10 seeds),
 * the two-way bootstrap "over seeds and prompts", both prediction statements for one new run,
 * variance components and a bimodality note. Anything not computable is {status:'insufficient', reason}.
 */
import type { ArmNote } from './arm-note.js';
import { bimodality } from './bimodality.js';
import { bootstrapIntervals, meanStatistic } from './bootstrap.js';
import { describe } from './descriptive.js';
import { hierarchicalBootstrapMean } from './hierarchical-bootstrap.js';
import { orderStatisticPrediction, tPredictionInterval } from './prediction-interval.js';
import { clip01, DEFAULT_LEVEL, insufficient, isInsufficient, type Insufficient, type Maybe } from './result.js';
import { seededRandom } from './rng.js';
import type { ArmSeedScores } from './seed-scores.js';
import { tIntervalMean } from './t-interval.js';
import { generationNoise, varianceComponents } from './variance-components.js';
import { varianceComponentsBootstrap } from './variance-components-bootstrap.js';

/** Settings shared by all arms of one analysis. */
export interface ArmSummaryOptions {
  /** `--rng-seed`; each arm derives its own stream from it and its name. */
  readonly rngSeed: number;
  /** `--resamples` (default 10,000). */
  readonly resamples?: number;
  readonly level?: number;
  /** Seeds below which BCa is reported as insufficient (default 10). */
  readonly bcaMinSeeds?: number;
}

type Json<T> = T | Insufficient;
/** JSON interval shape. */
export interface IntervalJson {
  readonly low: number;
  readonly high: number;
  readonly method: string;
  readonly level: number;
}

/** The `arms[]` element of `analyze --json`. */
export interface ArmSummaryJson {
  readonly arm: string;
  readonly checkpoint_policy: string;
  readonly n_seeds: number;
  readonly n_prompts: number;
  readonly mean: Json<number>;
  readonly sd: Json<number>;
  readonly median: Json<number>;
  readonly iqm: Json<number>;
  readonly min: Json<number>;
  readonly max: Json<number>;
  /** t interval over seeds; intersected with [0, 1] (`clipped`), which cannot lower its coverage of a mean score. */
  readonly ci95: Json<IntervalJson & { readonly df: number; readonly label: string; readonly clipped: boolean }>;
  readonly pi95: Json<
    IntervalJson & { readonly clipped: boolean; readonly raw_low: number; readonly raw_high: number }
  >;
  readonly range_prediction: Json<{ readonly low: number; readonly high: number; readonly coverage: number }>;
  readonly bootstrap_percentile: Json<IntervalJson>;
  readonly bootstrap_bca: Json<IntervalJson>;
  readonly hierarchical_ci95: Json<IntervalJson & { readonly label: string; readonly df: number }>;
  readonly variance_components: Json<{
    readonly seed: number;
    readonly prompt: number;
    readonly residual: number;
    readonly interaction: number | null;
    readonly generation: number | null;
    readonly shares: {
      readonly seed: number;
      readonly prompt: number;
      readonly interaction: number;
      readonly generation: number;
    };
    readonly truncated_at_zero: readonly string[];
    /** Two-way bootstrap percentile intervals (≤ 1,000 resamples); rough with few seeds. */
    readonly ci95: Json<{
      readonly seed: Json<IntervalJson>;
      readonly prompt: Json<IntervalJson>;
      readonly residual: Json<IntervalJson>;
      readonly share_seed: Json<IntervalJson>;
      readonly share_prompt: Json<IntervalJson>;
      readonly share_residual: Json<IntervalJson>;
    }>;
  }>;
  readonly bimodality: Json<{
    readonly well_separated: boolean;
    readonly ashman_d: number | null;
    readonly explained: number;
    readonly groups: ReadonlyArray<{ size: number; mean: number; min: number; max: number }>;
  }>;
  readonly per_seed: ReadonlyArray<{ readonly seed: number; readonly score: number; readonly checkpoint: number }>;
  /** What the reader must know about these numbers, as codes (worded by wording/arm-notes.ts). */
  readonly notes: readonly ArmNote[];
}

/** FNV-1a hash of the arm name, so an arm's random stream does not depend on the other arms. */
function armSeed(rngSeed: number, arm: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < arm.length; i++) h = Math.imul(h ^ arm.charCodeAt(i), 0x01000193);
  return (h ^ rngSeed) | 0;
}

const iv = (x: Maybe<{ low: number; high: number; method: string; level: number }>): Json<IntervalJson> =>
  isInsufficient(x) ? x : { low: x.low, high: x.high, method: x.method, level: x.level };

function policyName(a: ArmSeedScores): string {
  return a.policy.kind === 'step' ? `step=${a.policy.step}` : a.policy.kind;
}

/** Builds the JSON record of one arm from its per-seed scores. */
export function armSummary(a: ArmSeedScores, options: ArmSummaryOptions): ArmSummaryJson {
  const level = options.level ?? DEFAULT_LEVEL;
  const resamples = options.resamples ?? 10_000;
  const bcaMin = options.bcaMinSeeds ?? 10;
  const scores = a.perSeed.map((s) => s.score);
  const n = scores.length;
  const d = describe(scores);
  const none = insufficient('no seed has scores for this arm');
  const field = <K extends 'mean' | 'median' | 'iqm' | 'min' | 'max'>(k: K): Json<number> =>
    isInsufficient(d) ? none : d[k];
  const notes: ArmNote[] = [...a.notes];
  if (n > 0 && n < 5) notes.push({ code: 'few-seeds', n });

  const t = tIntervalMean(scores, level);
  const pi = tPredictionInterval(scores, level);
  const os = orderStatisticPrediction(scores);
  const seed = armSeed(options.rngSeed, a.arm);
  const boot = bootstrapIntervals(scores, meanStatistic, { random: seededRandom(seed), resamples, level });
  const bca = n < bcaMin ? insufficient(`BCa needs at least ${bcaMin} seeds to be stable, got ${n}`) : boot.bca;
  if (n > 0 && n < 20 && !isInsufficient(boot.percentile)) notes.push({ code: 'percentile-bootstrap-small-n', n });
  const h = hierarchicalBootstrapMean(a.matrix, {
    random: seededRandom(seed ^ 0x5bd1e995),
    resamples,
    level,
    strata: a.strata,
  });
  const gen = generationNoise(a.repeatCells);
  const vc = varianceComponents(a.matrix, gen);
  const vcb = varianceComponentsBootstrap(a.matrix, {
    random: seededRandom(seed ^ 0x27d4eb2d),
    resamples: Math.min(1000, resamples),
    level,
    strata: a.strata,
  });
  const bi = bimodality(scores);
  if (!isInsufficient(bi) && bi.wellSeparated) notes.push({ code: 'two-groups', low: bi.low, high: bi.high });
  if (!isInsufficient(pi) && pi.clipped) notes.push({ code: 'prediction-clipped' });

  return {
    arm: a.arm,
    checkpoint_policy: policyName(a),
    n_seeds: n,
    n_prompts: a.promptIds.length,
    mean: field('mean'),
    sd: isInsufficient(d) ? none : d.sd,
    median: field('median'),
    iqm: field('iqm'),
    min: field('min'),
    max: field('max'),
    ci95: isInsufficient(t)
      ? t
      : {
          ...(iv(t) as IntervalJson),
          low: clip01(t.low),
          high: clip01(t.high),
          df: t.df,
          label: 'over seeds, prompts fixed',
          clipped: t.low < 0 || t.high > 1,
        },
    pi95: isInsufficient(pi)
      ? pi
      : { ...(iv(pi) as IntervalJson), clipped: pi.clipped, raw_low: pi.rawLow, raw_high: pi.rawHigh },
    range_prediction: isInsufficient(os) ? os : { low: os.low, high: os.high, coverage: os.coverage },
    bootstrap_percentile: iv(boot.percentile),
    bootstrap_bca: iv(bca),
    hierarchical_ci95: isInsufficient(h) ? h : { ...(iv(h) as IntervalJson), label: h.label, df: h.df },
    variance_components: isInsufficient(vc)
      ? vc
      : {
          seed: vc.seed,
          prompt: vc.prompt,
          residual: vc.residual,
          interaction: vc.interaction,
          generation: vc.generation,
          shares: vc.shares,
          truncated_at_zero: vc.truncated,
          ci95: isInsufficient(vcb)
            ? vcb
            : {
                seed: iv(vcb.seed),
                prompt: iv(vcb.prompt),
                residual: iv(vcb.residual),
                share_seed: iv(vcb.shareSeed),
                share_prompt: iv(vcb.sharePrompt),
                share_residual: iv(vcb.shareResidual),
              },
        },
    bimodality: isInsufficient(bi)
      ? bi
      : {
          well_separated: bi.wellSeparated,
          ashman_d: bi.ashmanD,
          explained: bi.explained,
          groups: [bi.low, bi.high],
        },
    per_seed: a.perSeed.map((s) => ({ seed: s.seed, score: s.score, checkpoint: s.checkpoint })),
    notes,
  };
}
