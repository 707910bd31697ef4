import type { SequentialOutcome } from '../pipeline/sequential-outcome.js';
import type { SequentialLook } from '../results/sequential-record.js';
import { duration, pBoundary, pct, pctInterval, plural, points, pointsInterval, sig3 } from './numbers.js';

/**
 * The words of a sequential study's looks as `seedstudy run` prints them: one line per look taken,
 * and the decision in plain words with what it saved against the fixed design of the same power.
 * The inference after a stop is the design-adjusted one; the naive numbers only appear labelled.
 */

type CompareStatistic = Extract<NonNullable<SequentialLook['statistic']>, { question: 'compare' }>;

type ReproduceStatistic = Extract<NonNullable<SequentialLook['statistic']>, { question: 'reproduce' }>;

function compareOf(look: SequentialLook): CompareStatistic | undefined {
  return look.statistic?.question === 'compare' ? look.statistic : undefined;
}

function reproduceOf(look: SequentialLook): ReproduceStatistic | undefined {
  return look.statistic?.question === 'reproduce' ? look.statistic : undefined;
}

/** "0 of 6 runs reached the claimed 80.0%". */
function hitsText(r: ReproduceStatistic): string {
  return `${r.hits} of ${plural(r.runs, 'run')} reached ${r.baseline}'s claim (${pct(r.claim)})`;
}

/** The exact bounds of a reproduce look. */
function boundsText(r: ReproduceStatistic): string {
  const low = r.notReproducibleAtMost >= 0 ? `"not reproducible" if ≤ ${r.notReproducibleAtMost}` : '';
  const high = r.reproducibleAtLeast <= r.runs ? `"reproducible" if ≥ ${r.reproducibleAtLeast}` : '';
  return [low, high].filter(Boolean).join(', ') || 'no stop at this look';
}

/** "b/seed-7, b/seed-9" for the seeds of a look whose run failed; empty when none. */
function failedList(look: SequentialLook): string {
  return Object.entries(look.failedSeeds)
    .flatMap(([arm, seeds]) => seeds.map((s) => `${arm}/seed-${s}`))
    .join(', ');
}

const decisionWords: Record<SequentialLook['decision'], string> = {
  continue: 'continue',
  'stop-efficacy': 'stop (efficacy)',
  'stop-futility': 'stop (futility)',
  'stop-max': 'stop (last look)',
  'stop-reproducible': 'stop (reproducible)',
  'stop-not-reproducible': 'stop (not reproducible)',
  insufficient: 'no decision',
};

/** One look: "look 2 of 3: 5/5 seeds, Welch p = 0.0021 (stop if ≤ 0.0030), z = 3.07 → stop (efficacy)". */
export function lookLine(look: SequentialLook, looks: number): string {
  const used = Object.values(look.seeds)
    .map((s) => s.length)
    .join('/');
  const failed = failedList(look);
  const head = `look ${look.look} of ${looks}: ${used} seeds${failed ? ` (failed: ${failed})` : ''}`;
  const r = reproduceOf(look);
  if (r) return `${head}, ${hitsText(r)} (stop ${boundsText(r)}) → ${decisionWords[look.decision]}`;
  const s = compareOf(look);
  if (!s) return `${head}, ${look.insufficientReason ?? 'no statistic'} → ${decisionWords[look.decision]}`;
  const futility =
    s.futilityZ === null ? '' : `, futility if ${s.futilitySides === 1 ? 'z' : '|z|'} < ${sig3(s.futilityZ)}`;
  const recomputed = s.recomputed ? ' [boundary recomputed for the seeds that finished]' : '';
  return (
    `${head}, ${s.arms[0]} − ${s.arms[1]} ${points(s.diff)} points, Welch p = ${pBoundary(s.naiveP)} ` +
    `(stop if ≤ ${pBoundary(s.efficacyP)}${futility}), z = ${sig3(s.z)}${recomputed} → ${decisionWords[look.decision]}`
  );
}

/** Why the study stopped, in plain words (the brief's example: the efficacy sentence). */
export function decisionSentence(o: SequentialOutcome): string {
  const look = o.last;
  const s = compareOf(look);
  const at = `at look ${look.look} of ${o.looks}`;
  const r = reproduceOf(look);
  if (r) {
    const verdict =
      look.decision === 'stop-reproducible'
        ? 'reproducible'
        : look.decision === 'stop-not-reproducible'
          ? 'not reproducible'
          : decisionWords[look.decision];
    const interval = r.interval
      ? `; share of runs reaching it ${pctInterval(r.interval)} (exact, adjusted for the looks)`
      : '';
    return `stopped after ${plural(r.runs, 'run')}: ${verdict}: ${hitsText(r)}, bounds ${boundsText(r)} ${at}${interval}`;
  }
  const after = `stopped after ${plural(o.seedsUsed, 'seed')} per arm`;
  if (!s) return `${after} ${at} without a decision: ${look.insufficientReason ?? 'the look had no statistic'}`;
  switch (look.decision) {
    case 'stop-efficacy':
      return `${after}: the difference crossed the efficacy boundary (p = ${pBoundary(s.naiveP)} ≤ ${pBoundary(s.efficacyP)} ${at})`;
    case 'stop-futility':
      return s.futilitySides === 1
        ? `${after}: ${s.arms[0]} is not ahead of ${s.arms[1]} enough to reach the design effect (z = ${sig3(s.z)} < ${sig3(s.futilityZ ?? 0)} ${at})`
        : `${after}: the difference is too close to zero to reach the design effect (|z| = ${sig3(Math.abs(s.z))} < ${sig3(s.futilityZ ?? 0)} ${at})`;
    case 'stop-max':
      return `${after}, the planned maximum: the difference did not cross the efficacy boundary (p = ${pBoundary(s.naiveP)} > ${pBoundary(s.efficacyP)} ${at})`;
    default:
      return `${after} ${at}: ${decisionWords[look.decision]}`;
  }
}

/** The design-adjusted inference after the stop; the naive numbers labelled as such. */
export function inferenceSentence(o: SequentialOutcome): string | undefined {
  const s = compareOf(o.last);
  const inf = s?.inference;
  if (!s || !inf) return undefined;
  return (
    `${s.arms[0]} − ${s.arms[1]}: ${points(inf.estimate)} points (median-unbiased), stage-wise 95% CI ` +
    `${pointsInterval(inf.interval)}, repeated CI ${pointsInterval(inf.repeatedInterval)}, ` +
    `adjusted p = ${pBoundary(inf.adjustedP)} (naive: ${points(inf.naive.diff)} points, p = ${pBoundary(inf.naive.p)})`
  );
}

/** Seeds and hours saved against the fixed design of the same power. */
export function savingsSentence(o: SequentialOutcome): string {
  const perArm = o.arms.length > 1 ? ' per arm' : '';
  const spent = `${plural(o.seedsUsed, 'seed')}${perArm}, ${duration(o.hours * 3600)} of training and evaluation`;
  if (o.fixedSeeds === null || o.seedsSaved === null)
    return `spent ${spent}; no design effect is declared, so there is no fixed design of the same power to compare with`;
  const fixedText = `a fixed design of the same power needs ${plural(o.fixedSeeds, 'seed')}${perArm}`;
  if (o.seedsSaved <= 0)
    return `spent ${spent}; ${fixedText}, so the looks saved nothing (${plural(-o.seedsSaved, 'seed')}${perArm} more)`;
  return (
    `spent ${spent}; ${fixedText}: saved ${plural(o.seedsSaved, 'seed')}${perArm} ` +
    `(${plural(o.seedsSaved * o.arms.length, 'run')}, about ${duration((o.hoursSaved ?? 0) * 3600)} at this study's cost per run)`
  );
}

/** The looks taken so far (`plan`, `status`): one line each, and whether the design is still the locked one. */
export function looksSoFarLines(p: {
  record: { designHash: string; lockedAt: string; looks: SequentialLook[]; redesigns: unknown[] };
  looks: number;
  designMatches: boolean;
}): string[] {
  const lock = p.designMatches
    ? `design locked at the first look, ${p.record.lockedAt}, as ${p.record.designHash.slice(0, 12)}`
    : `the study file's design differs from the one locked at the first look as ${p.record.designHash.slice(0, 12)}; \`seedstudy run\` refuses it without --force-redesign`;
  const redesigns = p.record.redesigns.length > 0 ? `; ${plural(p.record.redesigns.length, 'forced redesign')}` : '';
  return [`sequential looks so far (${lock}${redesigns}):`, ...p.record.looks.map((l) => `  ${lookLine(l, p.looks)}`)];
}

/**
 * The analysis' coverage note for a sequential study that stopped: fewer runs than planned is the
 * design working, not a partial result, and rerunning trains nothing more.
 */
export function stoppedCoverageSentence(scored: number, planned: number, look: SequentialLook, looks: number): string {
  const why: Record<SequentialLook['decision'], string> = {
    continue: '',
    'stop-efficacy': ' for efficacy',
    'stop-futility': ' for futility',
    'stop-max': ', its last',
    'stop-reproducible': ' as reproducible',
    'stop-not-reproducible': ' as not reproducible',
    insufficient: ' without a decision',
  };
  return (
    `${scored} of the ${planned} runs the sequential design allowed are scored: it stopped at look ${look.look} of ` +
    `${looks}${why[look.decision]}, so the seeds beyond that look are not trained, by design.`
  );
}
