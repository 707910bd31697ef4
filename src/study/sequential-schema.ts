import { z } from 'zod';

/**
 * The study file's `sequential:` block: a pre-registered sequential design that lets a study stop
 * as soon as its question is decided, with the error rates held (docs/sequential.md). Absent, the
 * study is today's fixed design: every seed is trained. Two questions:
 *   compare   — does one arm score differently from another? Group-sequential Welch test.
 *   reproduce — does the config reach a baseline's claim in at least a share p0 of runs, rather than
 *               at most p1? Exact sequential binomial test.
 */

const spendingKinds = ['obrien-fleming', 'pocock', 'hwang-shih-decani'] as const;

const looksSchema = z
  .array(z.number().int().positive())
  .min(1)
  .describe(
    'Cumulative seeds (per arm for compare, runs for reproduce) at each look, increasing, e.g. [5, 10, 15, 20]; the last is the maximum.',
  );

const gammaSchema = z
  .number()
  .min(-40)
  .max(40)
  .optional()
  .describe(
    'γ of the Hwang–Shih–DeCani spending function (required with hwang-shih-decani): −4 ≈ O’Brien–Fleming, 1 ≈ Pocock.',
  );

/** The design effect of a compare design: what its power and futility bound are planned for. */
export const designEffectSchema = z
  .union([
    z.strictObject({
      d: z.number().positive().describe('Standardised difference Δ/σ between the arms (1 = one seed-to-seed sd).'),
    }),
    z.strictObject({
      points: z.number().positive().describe('Difference between the arms in score points (0–100 scale).'),
      sd: z.number().positive().describe('Expected seed-to-seed sd of an arm’s score, in points; d = points / sd.'),
    }),
  ])
  .describe('The difference the design is powered for: {d: 1} or {points: 14, sd: 14}.');

export const futilitySchema = z
  .strictObject({
    spending: z
      .enum(spendingKinds)
      .default('obrien-fleming')
      .describe('β-spending function of the futility bound (default obrien-fleming).'),
    gamma: gammaSchema,
    sides: z
      .enum(['one', 'two'])
      .default('one')
      .describe(
        'one (default): stop when the first arm is unlikely to beat the second by the design effect; two: stop only when the difference is near zero in both directions.',
      ),
  })
  .describe(
    'Non-binding futility stop: at a look where the difference is too small to ever reach the design effect, stop. Error rates hold whether or not it is obeyed.',
  );

export const compareDesignSchema = z
  .strictObject({
    question: z.literal('compare').describe('Compare two arms with a group-sequential Welch test.'),
    arms: z
      .tuple([z.string(), z.string()])
      .describe('The two arms compared, [A, B]; the difference reported is A − B.'),
    looks: looksSchema,
    alpha: z.number().gt(0).lt(0.5).default(0.05).describe('Two-sided type-I error of the whole study (default 0.05).'),
    spending: z
      .enum(spendingKinds)
      .default('obrien-fleming')
      .describe(
        'α-spending function: obrien-fleming (default; stops early only on large differences), pocock, hwang-shih-decani.',
      ),
    gamma: gammaSchema,
    power: z
      .number()
      .gt(0.5)
      .lt(1)
      .default(0.9)
      .describe('Power the plan is built for at the design effect (default 0.9).'),
    effect: designEffectSchema.optional(),
    futility: futilitySchema.optional(),
  })
  .describe('A group-sequential comparison of two arms.');

export const reproduceDesignSchema = z
  .strictObject({
    question: z.literal('reproduce').describe("Does the config reach a baseline's claim in enough runs?"),
    baseline: z.string().describe('Name of the baseline (in `baselines`) whose claim each run is checked against.'),
    looks: looksSchema,
    p0: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.5)
      .describe('Reproducible: at least this share of runs reach the claim (default 0.5).'),
    p1: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.1)
      .describe('Not reproducible: at most this share do (default 0.1); below p0.'),
    alpha: z
      .number()
      .gt(0)
      .lt(0.5)
      .default(0.05)
      .describe('Max probability of declaring "not reproducible" when the share is p0 (default 0.05).'),
    beta: z
      .number()
      .gt(0)
      .lt(0.5)
      .default(0.05)
      .describe('Max probability of declaring "reproducible" when the share is p1 (default 0.05).'),
  })
  .describe('An exact sequential binomial test of whether a claim reproduces.');

export const sequentialSchema = z
  .discriminatedUnion('question', [compareDesignSchema, reproduceDesignSchema])
  .describe(
    'A pre-registered sequential design: stop as soon as the question is decided. Absent: every seed is trained.',
  );

export type SequentialSettings = z.infer<typeof sequentialSchema>;
export type CompareDesignSettings = z.infer<typeof compareDesignSchema>;
export type ReproduceDesignSettings = z.infer<typeof reproduceDesignSchema>;
