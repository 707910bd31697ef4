import type { SequentialLook } from '../results/sequential-record.js';
import { pBoundary, pct, plural, points, sig3 } from './numbers.js';

/**
 * The words of a sequential study's looks as `seedstudy run`, `plan` and `status` print them while it
 * goes: one line per look taken. The decision, inference and savings after the stop are
 * wording/sequential-outcome.ts's (the same sentences as the report).
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
