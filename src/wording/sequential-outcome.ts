import type { SequentialLook, SequentialRecord } from '../results/sequential-record.js';
import { duration, fixed, pBoundary, pct, pctInterval, plural, points, pointsInterval } from './numbers.js';
import { listText, type Verdict, verdictText } from './verdict.js';
import { ORDINALS, isStop, seedsPerArm, seedsPhrase, atLook, lookOf, levelOf } from './sequential-phrases.js';

/**
 * What a sequential study decided, in words: the sentences the report's "Sequential design" section
 * (HTML and Markdown) and the CLI print, from sequential.json alone, so they read the same everywhere.
 * The decision opens with a plain sentence (no statistical symbol), then the numbers of the look; the
 * inference that accounts for the stopping rule follows, and the naive numbers only labelled as naive.
 */

/** What the study file says about the design that the record does not carry. */
export interface SequentialDesignFacts {
  /** Planned seeds per arm (runs, for reproduce) at each look: gives "look 2 of 4". */
  readonly looks?: readonly number[] | undefined;
  /** The design's two-sided α: the intervals' level is 1 − α. */
  readonly alpha?: number | undefined;
}

/** The sentences of a sequential study. */
export interface SequentialSentences {
  /** The decision of the latest look: plain sentence first, then the look's numbers. */
  readonly decision: Verdict;
  /** Inference accounting for the stopping rule, then the naive numbers labelled as naive (empty before a stop). */
  readonly inference: string[];
  /** Seeds and hours saved against the fixed design of the same power (null before a stop or without one). */
  readonly savings: string | null;
  /** A redesign (`--force-redesign`): shown prominently, since the promised error rates no longer hold. */
  readonly redesign: string | null;
  /** Failed seeds, recomputed boundaries, looks that could not be judged. */
  readonly notes: string[];
}

/**
 * The sentences of a sequential study from its record (and, when known, the planned looks and α).
 * The latest look decides what the record says: a stop, or "the study goes on".
 */
export function sequentialSentences(record: SequentialRecord, design: SequentialDesignFacts = {}): SequentialSentences {
  const last = record.looks.at(-1);
  const total = design.looks?.length;
  const redesign = redesignSentence(record);
  const notes = record.looks.flatMap((l) => lookNotes(l, record.question));
  if (!last)
    return {
      decision: {
        tone: 'neutral',
        plain: 'The sequential design is locked, and no look has been taken yet.',
        numbers: '',
      },
      inference: [],
      savings: null,
      redesign,
      notes,
    };
  return {
    decision: decisionVerdict(last, record.question, total),
    inference: inferenceLines(last, design.alpha),
    savings: savingsSentence(record, last),
    redesign,
    notes,
  };
}

/** Every sentence as CLI lines: the decision, then a redesign, the inference, the savings and the notes. */
export function sequentialLines(record: SequentialRecord, design: SequentialDesignFacts = {}): string[] {
  return sentencesAsLines(sequentialSentences(record, design));
}

/** Sentences already built (a report model's) as the CLI prints them; `sequentialLines` in two steps. */
export function sentencesAsLines(s: SequentialSentences): string[] {
  return [
    verdictText(s.decision),
    ...(s.redesign ? [`WARNING: ${s.redesign}`] : []),
    ...s.inference,
    ...(s.savings ? [s.savings] : []),
    ...s.notes,
  ];
}

function decisionVerdict(look: SequentialLook, question: SequentialRecord['question'], total?: number): Verdict {
  const s = look.statistic;
  const seeds = seedsPhrase(look, question);
  const at = atLook(look.look, total);
  if (look.decision === 'insufficient' || !s) {
    return {
      tone: 'unsure',
      plain: `The ${look.look <= ORDINALS.length ? `${ORDINALS[look.look - 1]} look` : `look ${look.look}`} (${seeds}) could not be judged, so the study cannot stop there.`,
      numbers: look.insufficientReason ? `Why: ${look.insufficientReason}.` : '',
    };
  }
  if (s.question === 'compare') {
    const [a, b] = s.arms;
    const ahead = s.z >= 0 ? [a, b] : [b, a];
    const lookNo = lookOf(look.look, total);
    const welch = `Welch p = ${pBoundary(s.naiveP)}`;
    const futilityNumbers = (): string =>
      s.futilityZ === null
        ? ''
        : s.futilitySides === 1
          ? `z = ${fixed(s.z, 3)} < ${fixed(s.futilityZ, 3)}, the futility bound`
          : `|z| = ${fixed(Math.abs(s.z), 3)} < ${fixed(s.futilityZ, 3)}, the futility bound`;
    switch (look.decision) {
      case 'stop-efficacy':
        return {
          tone: 'good',
          plain: `Stopped after ${seeds}: arm ${ahead[0]} scores higher than arm ${ahead[1]}, and the evidence crossed the pre-registered bar ${at}.`,
          numbers: `${welch} ≤ ${pBoundary(s.efficacyP)} at ${lookNo} (|z| = ${fixed(Math.abs(s.z), 3)} ≥ ${fixed(s.efficacyZ, 3)}).`,
        };
      case 'stop-futility':
        return {
          tone: 'bad',
          plain:
            s.futilitySides === 1
              ? `Stopped after ${seeds}, ${at}: arm ${a} is not far enough ahead of arm ${b} for more seeds to be worth training, by a rule set before the study started.`
              : `Stopped after ${seeds}, ${at}: arms ${a} and ${b} score too alike for more seeds to be worth training, by a rule set before the study started.`,
          numbers: `${futilityNumbers()}, at ${lookNo} (${welch}).`,
        };
      case 'stop-max':
        return {
          tone: 'unsure',
          plain: `All planned seeds were used (${seeds}): the evidence never crossed the pre-registered bar, so the study cannot tell arm ${a} and arm ${b} apart.`,
          numbers: `${welch} > ${pBoundary(s.efficacyP)} at ${lookNo}, the last look.`,
        };
      default:
        return {
          tone: 'neutral',
          plain: `After ${seeds} the study goes on: the evidence has not crossed the pre-registered bar ${at}.`,
          numbers:
            `${welch} > ${pBoundary(s.efficacyP)} at ${lookNo}` +
            (s.futilityZ === null
              ? '.'
              : `; ${s.futilitySides === 1 ? `z = ${fixed(s.z, 3)}` : `|z| = ${fixed(Math.abs(s.z), 3)}`} ≥ ${fixed(s.futilityZ, 3)}, the futility bound.`),
        };
    }
  }
  const claim = `the claimed ${pct(s.claim)} (baseline ${s.baseline})`;
  const counts = `${s.hits} of ${plural(s.runs, 'run')} of arm ${s.arm} reached ${pct(s.claim)}`;
  const rule = `at ${lookOf(look.look, total)}`;
  switch (look.decision) {
    case 'stop-reproducible':
      return {
        tone: 'good',
        plain: `Stopped after ${seeds}: arm ${s.arm} reaches ${claim} often enough to count as reproducible, decided ${at}.`,
        numbers: `${counts}; ${s.reproducibleAtLeast} or more stop as reproducible ${rule}.`,
      };
    case 'stop-not-reproducible':
      return {
        tone: 'bad',
        plain: `Stopped after ${seeds}: arm ${s.arm} reaches ${claim} too rarely to count as reproducible, decided ${at}.`,
        numbers: `${counts}; ${s.notReproducibleAtMost} or fewer stop as not reproducible ${rule}.`,
      };
    case 'stop-max':
      return {
        tone: 'unsure',
        plain: `All planned runs were used (${seeds}) without deciding whether arm ${s.arm} reproduces ${claim}.`,
        numbers: `${counts} at ${lookOf(look.look, total)}, the last look.`,
      };
    default:
      return {
        tone: 'neutral',
        plain: `After ${seeds}, ${at}, the study goes on: it is not yet clear whether arm ${s.arm} reaches ${claim} often enough.`,
        numbers: `${counts}; ${boundsText(s.notReproducibleAtMost, s.reproducibleAtLeast, s.runs)} ${rule}.`,
      };
  }
}

/** "it would stop at 1 or fewer (not reproducible) or 4 or more (reproducible)". */
function boundsText(atMost: number, atLeast: number, runs: number): string {
  const parts = [
    ...(atMost >= 0 ? [`${atMost} or fewer (not reproducible)`] : []),
    ...(atLeast <= runs ? [`${atLeast} or more (reproducible)`] : []),
  ];
  return parts.length ? `it would stop at ${parts.join(' or ')}` : 'no count stops it';
}

function inferenceLines(look: SequentialLook, alpha: number | undefined): string[] {
  const s = look.statistic;
  if (!s || !isStop(look.decision)) return [];
  const level = levelOf(alpha);
  if (s.question === 'compare') {
    const inf = s.inference;
    if (!inf) return [];
    const [a, b] = s.arms;
    return [
      `Accounting for the looks: adjusted p = ${pBoundary(inf.adjustedP)} (stage-wise ordering); difference ${a} − ${b} ${points(inf.estimate)} points (median-unbiased estimate), ${level}interval ${pointsInterval(inf.interval)}; repeated ${level}confidence interval ${pointsInterval(inf.repeatedInterval)} (valid whatever the stopping rule did).`,
      `Naive, for reference only (the last look as if it were the only one; biased after an early stop): p = ${pBoundary(inf.naive.p)}, difference ${points(inf.naive.diff)} points.`,
    ];
  }
  return [
    ...(s.interval
      ? [
          `Share of runs of arm ${s.arm} reaching ${pct(s.claim)}, accounting for the looks: ${level}exact interval ${pctInterval(s.interval)} (adjusted for the design).`,
        ]
      : []),
    `Naive, for reference only (ignores the stopping rule): ${pct(s.naiveShare)} (${s.hits} of ${s.runs}).`,
  ];
}

function savingsSentence(record: SequentialRecord, look: SequentialLook): string | null {
  const fixedSeeds = record.fixedDesignSeeds;
  if (fixedSeeds === null || !isStop(look.decision)) return null;
  const per = seedsPerArm(look);
  const used = per.reduce((n, a) => n + a.seeds, 0);
  if (used === 0) return null;
  const fixedRuns = fixedSeeds * per.length;
  const fixedText =
    record.question === 'reproduce'
      ? plural(fixedSeeds, 'run')
      : `${plural(fixedSeeds, 'seed')} per arm, ${fixedRuns} runs`;
  const perRun = look.hoursSoFar / used;
  const savedRuns = fixedRuns - used;
  const hours = (runs: number) => duration(runs * perRun * 3600);
  const estimate = `an estimate: the ${plural(used, 'run')} used took ${duration(look.hoursSoFar * 3600)} of training and evaluation, ${duration(perRun * 3600)} per run`;
  const equal = per.every((a) => a.seeds === per[0]!.seeds);
  const savedText =
    record.question === 'compare' && equal
      ? `${plural(fixedSeeds - per[0]!.seeds, 'seed')} per arm (${savedRuns} runs)`
      : plural(savedRuns, 'run');
  if (savedRuns > 0)
    return `Against a fixed design of the same power (${fixedText}): ${savedText} and about ${hours(savedRuns)} saved (${estimate}).`;
  if (savedRuns === 0)
    return `The study used as many runs as a fixed design of the same power (${fixedText}): nothing saved.`;
  return `The study used ${plural(-savedRuns, 'run')} (about ${hours(-savedRuns)}) more than a fixed design of the same power (${fixedText}) would have (${estimate}).`;
}

function redesignSentence(record: SequentialRecord): string | null {
  const n = record.redesigns.length;
  if (n === 0) return null;
  const lastAt = record.redesigns.at(-1)!.at;
  return `The design was changed after the study started (--force-redesign, ${n === 1 ? 'once' : `${n} times`}, last at ${lastAt}): choosing the test after seeing data voids the error rates the pre-registered design promised, so read every decision below as exploratory.`;
}

function lookNotes(look: SequentialLook, question: SequentialRecord['question']): string[] {
  const out: string[] = [];
  const failed = Object.entries(look.failedSeeds).filter(([, seeds]) => seeds.length > 0);
  const s = look.statistic;
  if (failed.length > 0) {
    const which = listText(
      failed.map(
        ([arm, seeds]) => `${seeds.length === 1 ? 'seed' : 'seeds'} ${listText(seeds.map(String))} of arm ${arm}`,
      ),
    );
    const recomputed =
      s?.question === 'compare' && s.recomputed
        ? '; its boundary was recomputed for the information the finished seeds carry, which the spending of the error rate allows'
        : '';
    out.push(
      `Look ${look.look}: ${which} failed; the look went on with the ${question === 'reproduce' ? 'runs' : 'seeds'} that finished (${seedsPhrase(look, question)})${recomputed}.`,
    );
  } else if (s?.question === 'compare' && s.recomputed) {
    out.push(
      `Look ${look.look}: ${seedsPhrase(look, question)} instead of the planned ${look.plannedSeeds}; its boundary was recomputed for the information they carry.`,
    );
  }
  if (look.decision === 'insufficient')
    out.push(`Look ${look.look} could not be judged${look.insufficientReason ? `: ${look.insufficientReason}` : ''}.`);
  return out;
}

/**
 * The warning a sequential study's report carries above its fixed-design tables: their p-values, intervals
 * and verdicts ignore the looks, so they are naive; the "Sequential design" section has the adjusted ones.
 */
export function sequentialNaiveWarning(question: SequentialRecord['question']): string {
  return question === 'compare'
    ? 'This study ran under a sequential design: the arm-vs-arm p-values, intervals and verdicts below treat the seeds as a fixed design and are naive (they ignore the looks and, after an early stop, overstate the difference); the Sequential design section gives the numbers that account for the looks.'
    : 'This study ran under a sequential design: the baseline verdicts below treat the runs as a fixed design and are naive (they ignore the looks); the Sequential design section gives the decision and the interval that account for them.';
}

/** What a look's decision reads as in the table of looks. */
export function decisionLabel(decision: SequentialLook['decision']): string {
  return {
    continue: 'continue',
    'stop-efficacy': 'stop: difference shown',
    'stop-futility': 'stop: futility',
    'stop-max': 'stop: last look',
    'stop-reproducible': 'stop: reproducible',
    'stop-not-reproducible': 'stop: not reproducible',
    insufficient: 'could not be judged',
  }[decision];
}
