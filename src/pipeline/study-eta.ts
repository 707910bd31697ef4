/** One run as the ETA sees it: how much training and evaluation it has left and what was measured so far. */
export interface EtaRun {
  /** `training`: the trainer is running; `trained`: training is over and evaluation may remain. */
  state: 'pending' | 'training' | 'trained' | 'failed';
  totalIters: number;
  /** Iterations done (training) or trained (trained). */
  iteration: number;
  /** Seconds into training when `iteration` was reached (the trainer's last logged line; its duration once ended). */
  measuredSeconds: number;
  /** Seconds the trainer has run (wall time since it started; its duration once it ended). */
  trainSeconds: number;
  /** Checkpoint evaluations this run needs in all (predicted from save_every before it is trained), and done. */
  evalPlanned: number;
  evalDone: number;
}

/** What the whole-study estimate rests on. */
export interface EtaInput {
  runs: readonly EtaRun[];
  /** Seconds each evaluated checkpoint took (from the eval manifests). */
  evalSecondsPerCheckpoint: readonly number[];
  /** Runs trained at once. */
  concurrency: number;
}

/** The whole-study estimate: always an estimate, from the rates measured so far. */
export interface StudyEta {
  /** Seconds until every run is trained and evaluated; null when nothing was measured to base it on. */
  seconds: number | null;
  trainSeconds: number | null;
  evalSeconds: number | null;
  /** True when a part could not be estimated yet (no checkpoint evaluated): `seconds` is then a lower bound. */
  lowerBound: boolean;
  /** Measured training rate over every run that trained (iterations per second), null before the first report. */
  itersPerSecond: number | null;
  /** Mean seconds per checkpoint evaluation, null before the first one. */
  evalSecondsPerCheckpoint: number | null;
  /** Checkpoint evaluations left, predicted ones of untrained runs included. */
  evalsLeft: number;
}

/**
 * The time left for the whole study, from its own measured rates: training iterations per second
 * pooled over every run that reported progress, and seconds per checkpoint evaluation from the eval
 * manifests. A running run ends when its own rate says (a run that stopped reporting counts down to
 * zero rather than up); pending runs train at the pooled rate, `concurrency` at a time; evaluations
 * follow one after another. Model loading between runs is not counted. Failed runs add nothing.
 * Pure, so the arithmetic is tested without a study.
 */
export function estimateStudyEta(input: EtaInput): StudyEta {
  const live = input.runs.filter((r) => r.state !== 'failed');
  const measured = live.filter((r) => r.iteration > 0 && r.measuredSeconds > 0);
  const iters = measured.reduce((s, r) => s + r.iteration, 0);
  const secs = measured.reduce((s, r) => s + r.measuredSeconds, 0);
  const rate = secs > 0 ? iters / secs : null;
  let trainLeft = 0;
  let trainKnown = true;
  for (const r of live) {
    if (r.state === 'trained') continue;
    const own = r.iteration > 0 && r.measuredSeconds > 0 ? r.iteration / r.measuredSeconds : rate;
    if (own === null) {
      trainKnown = false;
      continue;
    }
    trainLeft += Math.max(0, r.totalIters / own - (r.state === 'training' ? r.trainSeconds : 0));
  }
  const trainSeconds = trainKnown ? trainLeft / Math.max(1, input.concurrency) : null;
  const perEval = mean(input.evalSecondsPerCheckpoint);
  const evalsLeft = live.reduce((s, r) => s + Math.max(0, r.evalPlanned - r.evalDone), 0);
  const evalSeconds = evalsLeft === 0 ? 0 : perEval === null ? null : evalsLeft * perEval;
  const parts = [trainSeconds, evalSeconds];
  const known = parts.filter((p): p is number => p !== null);
  return {
    seconds: known.length === 0 ? null : known.reduce((s, p) => s + p, 0),
    trainSeconds,
    evalSeconds,
    lowerBound: known.length > 0 && known.length < parts.length,
    itersPerSecond: rate,
    evalSecondsPerCheckpoint: perEval,
    evalsLeft,
  };
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * Seconds per checkpoint evaluation as the wall clock saw them: the gaps between consecutive
 * evaluations' end times of the same run, which include what a manifest's own generation and loss
 * seconds leave out (scoring, writing, the model load of a session). Gaps are taken within a run only:
 * `seedstudy run` trains other runs between one run's evaluations (each finished run's decision
 * checkpoint is scored while the next trains), so a gap across runs measures training too. A gap over
 * ten times the median is a pause (the time between a run's decision checkpoint and its other
 * checkpoints, or yesterday's eval and today's) and is left out. A run's first evaluation counts with
 * its own seconds (no end time before it measures it); with nothing else, their own seconds are all there is.
 */
export function evalSecondsPerCheckpoint(
  evaluated: readonly { at: number; seconds: number; run?: string }[],
): number[] {
  const byRun = new Map<string, { at: number; seconds: number }[]>();
  for (const e of evaluated) {
    if (!Number.isFinite(e.at)) continue;
    const key = e.run ?? '';
    byRun.set(key, [...(byRun.get(key) ?? []), e]);
  }
  const gaps: number[] = [];
  const firsts: number[] = [];
  for (const list of byRun.values()) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    firsts.push(sorted[0]!.seconds);
    for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i]!.at - sorted[i - 1]!.at) / 1000);
  }
  if (gaps.length === 0) return evaluated.map((e) => e.seconds);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  return [...gaps.filter((g) => g <= 10 * median), ...firsts];
}
