/**
 * Handcrafted sequential.json records for the report tests. Boundaries are those of docs/sequential.md
 * (looks at 5/10/15/20 seeds per arm, α = 0.05, O'Brien–Fleming, one-sided futility at d = 1: efficacy
 * z 4.333/2.963/2.359/2.014, nominal p 0.000015/0.0030/0.0183/0.0440, α spent 0.000015/0.0031/0.0193/0.05,
 * futility z −1.403/0.325/1.291). Statistics are typed in, not computed, so the wording is checked
 * against numbers it did not produce.
 */
import type { SequentialLook, SequentialRecord } from '../../src/results/sequential-record.js';

const OBF = [
  { seeds: 5, efficacyZ: 4.333, efficacyP: 0.000015, futilityZ: -1.403, alphaSpent: 0.000015 },
  { seeds: 10, efficacyZ: 2.963, efficacyP: 0.003, futilityZ: 0.325, alphaSpent: 0.0031 },
  { seeds: 15, efficacyZ: 2.359, efficacyP: 0.0183, futilityZ: 1.291, alphaSpent: 0.0193 },
  { seeds: 20, efficacyZ: 2.014, efficacyP: 0.044, futilityZ: null, alphaSpent: 0.05 },
];

/** The design facts the study file gives: four looks, α = 0.05. */
export const COMPARE_DESIGN = { looks: [5, 10, 15, 20], alpha: 0.05 };
/** Ten looks of two runs each. */
export const REPRODUCE_DESIGN = { looks: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20], alpha: 0.05 };

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

interface CompareLookFixture {
  look: number;
  z: number;
  naiveP: number;
  decision: SequentialLook['decision'];
  hours: number;
  seedsA?: number[];
  seedsB?: number[];
  failedB?: number[];
  efficacyZ?: number;
  efficacyP?: number;
  recomputed?: boolean;
  inference?: NonNullable<Extract<SequentialLook['statistic'], { question: 'compare' }>['inference']>;
}

function compareLook(arms: [string, string], f: CompareLookFixture): SequentialLook {
  const planned = OBF[f.look - 1]!;
  const seedsA = f.seedsA ?? range(0, planned.seeds);
  const seedsB = f.seedsB ?? range(0, planned.seeds);
  return {
    look: f.look,
    plannedSeeds: planned.seeds,
    seeds: { [arms[0]]: seedsA, [arms[1]]: seedsB },
    failedSeeds: { [arms[0]]: [], [arms[1]]: f.failedB ?? [] },
    decision: f.decision,
    statistic: {
      question: 'compare',
      arms,
      scoresA: seedsA.map((s) => 0.6 + (s % 3) / 100),
      scoresB: seedsB.map((s) => 0.5 + (s % 3) / 100),
      diff: 0.1,
      se: 0.03,
      t: f.z,
      df: 17,
      z: f.z,
      naiveP: f.naiveP,
      informationFraction: planned.seeds / 20,
      efficacyZ: f.efficacyZ ?? planned.efficacyZ,
      efficacyP: f.efficacyP ?? planned.efficacyP,
      futilityZ: planned.futilityZ,
      futilitySides: 1,
      futilityP: null,
      alphaSpent: planned.alphaSpent,
      final: f.look === 4,
      recomputed: f.recomputed ?? false,
      ...(f.inference ? { inference: f.inference } : {}),
    },
    hoursSoFar: f.hours,
    at: `2026-12-0${f.look}T10:00:00.000Z`,
  };
}

function compareRecord(arms: [string, string], looks: CompareLookFixture[]): SequentialRecord {
  return {
    schemaVersion: 1,
    question: 'compare',
    designHash: '72aefe254981aaaa',
    lockedAt: '2026-12-01T10:00:00.000Z',
    redesigns: [],
    looks: looks.map((l) => compareLook(arms, l)),
    fixedDesignSeeds: 23,
  };
}

const ARMS: [string, string] = ['variant', 'base'];

/** Stops for efficacy at look 2 of 4: Welch p 0.0021 ≤ 0.0030; 20 runs of 1.5 h each. */
export const efficacyStop = compareRecord(ARMS, [
  { look: 1, z: 1.9, naiveP: 0.0574, decision: 'continue', hours: 15 },
  {
    look: 2,
    z: 3.07,
    naiveP: 0.0021,
    decision: 'stop-efficacy',
    hours: 30,
    inference: {
      adjustedP: 0.0043,
      estimate: 0.121,
      interval: { low: 0.031, high: 0.205 },
      repeatedInterval: { low: 0.012, high: 0.234 },
      naive: { p: 0.0021, diff: 0.14 },
    },
  },
]);

/** Stops for futility at look 2: z 0.12 < 0.325. */
export const futilityStop = compareRecord(ARMS, [
  { look: 1, z: 0.9, naiveP: 0.3681, decision: 'continue', hours: 10 },
  {
    look: 2,
    z: 0.12,
    naiveP: 0.9045,
    decision: 'stop-futility',
    hours: 20,
    inference: {
      adjustedP: 0.9051,
      estimate: 0.004,
      interval: { low: -0.081, high: 0.09 },
      repeatedInterval: { low: -0.1, high: 0.108 },
      naive: { p: 0.9045, diff: 0.005 },
    },
  },
]);

/** Reaches the last look without crossing: p 0.1336 > 0.0440. */
export const reachedMax = compareRecord(ARMS, [
  { look: 1, z: 0.5, naiveP: 0.6171, decision: 'continue', hours: 10 },
  { look: 2, z: 1.1, naiveP: 0.2713, decision: 'continue', hours: 20 },
  { look: 3, z: 1.4, naiveP: 0.1615, decision: 'continue', hours: 30 },
  {
    look: 4,
    z: 1.5,
    naiveP: 0.1336,
    decision: 'stop-max',
    hours: 40,
    inference: {
      adjustedP: 0.1391,
      estimate: 0.041,
      interval: { low: -0.014, high: 0.096 },
      repeatedInterval: { low: -0.015, high: 0.097 },
      naive: { p: 0.1336, diff: 0.042 },
    },
  },
]);

/** Seed 14 of arm base failed at look 2: 10 and 9 seeds, boundary recomputed; the study goes on. */
export const failedSeed = compareRecord(ARMS, [
  { look: 1, z: 1.2, naiveP: 0.2301, decision: 'continue', hours: 10 },
  {
    look: 2,
    z: 2.1,
    naiveP: 0.0357,
    decision: 'continue',
    hours: 19,
    seedsB: [0, 1, 2, 3, 4, 10, 11, 12, 13],
    failedB: [14],
    efficacyZ: 2.981,
    efficacyP: 0.0029,
    recomputed: true,
  },
]);

/** The design was changed with --force-redesign after look 1. */
export const redesigned: SequentialRecord = {
  ...compareRecord(ARMS, [{ look: 1, z: 1.2, naiveP: 0.2301, decision: 'continue', hours: 10 }]),
  redesigns: [{ at: '2026-12-02T09:00:00.000Z', from: '72aefe254981aaaa', to: '0badc0ffee00bbbb' }],
};

/** Hostile arm names: every medium must show them as text. */
export const hostileArms: SequentialRecord = {
  ...efficacyStop,
  looks: efficacyStop.looks.map((l) => {
    const st = l.statistic!;
    const arms: [string, string] = ['<script>alert(1)</script>', 'b*|x'];
    return {
      ...l,
      seeds: { [arms[0]]: l.seeds.variant!, [arms[1]]: l.seeds.base! },
      failedSeeds: { [arms[0]]: [], [arms[1]]: [] },
      statistic: st.question === 'compare' ? { ...st, arms } : st,
    };
  }),
};

/** Reproduce: 1 of 2 runs, then 3 of 4 reach the claim (≥ 3 stops as reproducible at look 2 of 10). */
export const reproduceStop: SequentialRecord = {
  schemaVersion: 1,
  question: 'reproduce',
  designHash: 'c0ffee000000',
  lockedAt: '2026-12-01T10:00:00.000Z',
  redesigns: [],
  fixedDesignSeeds: 20,
  looks: [
    { runs: 2, hits: 1, atMost: -1, atLeast: 2, decision: 'continue' as const, hours: 4 },
    { runs: 4, hits: 3, atMost: -1, atLeast: 3, decision: 'stop-reproducible' as const, hours: 8 },
  ].map((l, i) => ({
    look: i + 1,
    plannedSeeds: l.runs,
    seeds: { phase43: range(0, l.runs) },
    failedSeeds: { phase43: [] },
    decision: l.decision,
    statistic: {
      question: 'reproduce' as const,
      arm: 'phase43',
      baseline: 'claim43',
      claim: 0.62,
      scores: range(0, l.runs).map((s) => (s < l.hits ? 0.65 : 0.55)),
      runs: l.runs,
      hits: l.hits,
      notReproducibleAtMost: l.atMost,
      reproducibleAtLeast: l.atLeast,
      naiveShare: l.hits / l.runs,
      ...(l.decision === 'continue' ? {} : { interval: { low: 0.2486, high: 0.9937 } }),
    },
    hoursSoFar: l.hours,
    at: `2026-12-0${i + 1}T10:00:00.000Z`,
  })),
};
