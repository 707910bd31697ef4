import { readJsonl } from '../results/jsonl.js';
import { studyLayout } from '../plan/run-layout.js';
import type { Observation } from '../statistics/observation.js';
import type { Study } from '../study/study.js';
import { collectObservations, gatherObservations } from './collect-observations.js';
import { derivedStale, planKey } from './derived-files.js';
import { loadObservations } from './load-observations.js';
import { decisionScored } from './decision-scored.js';
import { planStudy } from './plan-study.js';
import type { RunStage } from './study-progress.js';
import { studyStatus } from './study-status.js';

/** How much of a study is scored: what a partial report must say it rests on. */
export interface ScoredCoverage {
  planned: number;
  /** Runs whose decision checkpoint is evaluated and scored (the ones the analysis uses). */
  scored: number;
  perArm: { arm: string; planned: number; scored: number }[];
  /** The runs not scored, by stage (training, pending, evaluating, failed, ...). */
  notScored: Partial<Record<RunStage, number>>;
}

/** A study's observations for a reader, and how much of the study they cover. */
export interface ScoredSoFar {
  observations: Observation[];
  /** Undefined when the rows came from a hand-placed observations.jsonl (no run records to count). */
  coverage: ScoredCoverage | undefined;
  /** The plan's key (derived-files.ts). */
  key: string;
  /** True when a live seedstudy holds the study lock (the study is being written). */
  running: boolean;
}

/**
 * The scored observations of a study as they are now, for `report` and `analyze` at any time: the
 * runs whose decision checkpoint is evaluated (decision-scored.ts), read from their eval records (a run
 * whose decision checkpoint is not in yet is left out, so a seed never enters with a checkpoint its
 * policy would not pick). Takes no lock and claims
 * nothing: while a live seedstudy holds the study lock nothing is written; otherwise
 * observations.jsonl is rebuilt when it was built for another plan, as before. With no eval records
 * at all, an observations.jsonl placed there (exported results) is read as it is.
 */
export async function scoredSoFar(study: Study): Promise<ScoredSoFar> {
  const status = await studyStatus(study); // checks the output directory is this study's, writes nothing
  const plan = await planStudy(study);
  const key = planKey(plan.runs);
  const running = status.lock !== null;
  // A run enters once its decision checkpoint is scored (evaluated first); the others fill its trajectory.
  const complete = new Set<string>();
  for (const spec of plan.runs) if (await decisionScored(study, spec)) complete.add(spec.runId);
  const stale = await derivedStale(study.outputDir, 'observations', key);
  let observations: Observation[];
  if (!running && stale) {
    // As before: a reader rebuilds observations.jsonl built for another plan, when no writer is at work.
    const seeds = new Set(status.runs.filter((r) => complete.has(r.runId)).map((r) => `${r.arm}\0${r.seed}`));
    const all = await collectObservations(study.outputDir, plan.runs);
    observations = all.filter((o) => seeds.has(`${o.arm}\0${o.seed}`));
  } else observations = (await gatherObservations(plan.runs.filter((r) => complete.has(r.runId)))).rows;
  const anyEvaluated = status.runs.some((r) => r.evalDone > 0);
  if (observations.length === 0 && !anyEvaluated && !stale) {
    const file = studyLayout.observations(study.outputDir);
    const placed = (await readJsonl(file)).length > 0 ? await loadObservations(study.outputDir) : [];
    return { observations: placed, coverage: undefined, key, running };
  }
  const notScored: Partial<Record<RunStage, number>> = {};
  for (const r of status.runs) if (!complete.has(r.runId)) notScored[r.live.stage] = (notScored[r.live.stage] ?? 0) + 1;
  return {
    observations,
    key,
    running,
    coverage: {
      planned: status.runs.length,
      scored: complete.size,
      perArm: plan.study.arms.map((arm) => ({
        arm,
        planned: status.runs.filter((r) => r.arm === arm).length,
        scored: status.runs.filter((r) => r.arm === arm && complete.has(r.runId)).length,
      })),
      notScored,
    },
  };
}
