import { z } from 'zod';
import { join } from 'node:path';

/** `<output>/sequential.json`: the record of a sequential study's looks (see docs/sequential.md). */
export const sequentialRecordFile = (outputDir: string) => join(outputDir, 'sequential.json');

const interval = z.strictObject({ low: z.number(), high: z.number() });

/** The compare statistic and boundary of one look, as the record stores them. */
const compareLookSchema = z.strictObject({
  question: z.literal('compare'),
  arms: z.tuple([z.string(), z.string()]).describe('Arm A and arm B: the difference is mean(A) − mean(B).'),
  /** Per-seed scores at the decision checkpoint, cumulative over the looks. */
  scoresA: z.array(z.number()),
  scoresB: z.array(z.number()),
  diff: z.number(),
  se: z.number(),
  t: z.number(),
  df: z.number(),
  z: z.number(),
  naiveP: z.number().describe('The look’s Welch p as if it were the only look: shown only labelled as naive.'),
  informationFraction: z.number(),
  efficacyZ: z.number(),
  efficacyP: z.number(),
  futilityZ: z.number().nullable(),
  futilitySides: z.union([z.literal(1), z.literal(2)]),
  futilityP: z.number().nullable(),
  alphaSpent: z.number(),
  final: z.boolean(),
  recomputed: z.boolean().describe('The information differed from the plan (a seed failed): boundary recomputed.'),
  /** Present on the stopping look: inference that accounts for the stopping rule. */
  inference: z
    .strictObject({
      adjustedP: z.number(),
      estimate: z.number(),
      interval,
      repeatedInterval: interval,
      naive: z.strictObject({ p: z.number(), diff: z.number() }),
    })
    .optional(),
});

/** The reproduce count and bounds of one look. */
const reproduceLookSchema = z.strictObject({
  question: z.literal('reproduce'),
  arm: z.string(),
  baseline: z.string().describe('The claimed baseline (its name in `baselines:`).'),
  claim: z.number().describe('The claimed score a run must reach.'),
  /** Per-seed scores at the decision checkpoint, cumulative over the looks. */
  scores: z.array(z.number()),
  runs: z.number().int(),
  hits: z.number().int(),
  notReproducibleAtMost: z.number().int(),
  reproducibleAtLeast: z.number().int(),
  naiveShare: z.number(),
  interval: interval.optional().describe('On the stopping look: the exact interval adjusted for the design.'),
});

/** One look as appended to sequential.json. */
export const sequentialLookSchema = z.strictObject({
  look: z.number().int().min(1),
  /** Seeds per arm the design planned for this look, and the seeds actually used (finished), per arm. */
  plannedSeeds: z.number().int().min(1),
  seeds: z.record(z.string(), z.array(z.number().int())),
  /** Seeds of this look whose run failed, per arm (the look went on without them). */
  failedSeeds: z.record(z.string(), z.array(z.number().int())),
  decision: z.enum([
    'continue',
    'stop-efficacy',
    'stop-futility',
    'stop-max',
    'stop-reproducible',
    'stop-not-reproducible',
    'insufficient',
  ]),
  /** Why the look could not be judged (decision 'insufficient'), e.g. no spread between seeds. */
  insufficientReason: z.string().optional(),
  statistic: z.discriminatedUnion('question', [compareLookSchema, reproduceLookSchema]).optional(),
  /** Sum of the used runs' training wall times (run.json durationS) and evaluation seconds so far, in hours. */
  hoursSoFar: z.number().min(0),
  at: z.string(),
});

/** The whole record: the locked design, its looks, and the stop. */
export const sequentialRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  question: z.enum(['compare', 'reproduce']),
  designHash: z.string().describe('sequentialDesignHash() at the first look; a later edit is refused.'),
  lockedAt: z.string(),
  /** `--force-redesign` uses: each replaces the hash, and stays on record. */
  redesigns: z.array(z.strictObject({ at: z.string(), from: z.string(), to: z.string() })),
  looks: z.array(sequentialLookSchema),
  /** Seeds per arm of the fixed design with the same power (for "seeds saved"). */
  fixedDesignSeeds: z.number().int().min(1).nullable(),
});

/** sequential.json. */
export type SequentialRecord = z.infer<typeof sequentialRecordSchema>;
/** One look of sequential.json. */
export type SequentialLook = z.infer<typeof sequentialLookSchema>;
