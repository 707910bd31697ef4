import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stageCheckpoint } from '../checkpoints/stage-checkpoint.js';
import { UserError } from '../errors/user-error.js';
import { evalIdentity, generationSettings, scorerFingerprint } from '../evaluation/eval-identity.js';
import { rescoreCheckpoint } from '../evaluation/rescore-checkpoint.js';
import { readEvalManifest, type EvalManifest } from '../evaluation/eval-manifest.js';
import { fuseCheckpoint } from '../evaluation/fuse-checkpoint.js';
import { applyKeepCheckpoints, type KeepResult } from '../evaluation/keep-checkpoints.js';
import { loadStudySuite } from '../evaluation/load-suite.js';
import type { IntegrityProblem } from '../evaluation/integrity-problem.js';
import { verifyCheckpoint } from '../evaluation/provenance.js';
import { runWorker } from '../evaluation/run-worker.js';
import { checkEvalRecords } from '../evaluation/verify-checkpoint-eval.js';
import { createScorer } from '../evaluation/scorers/registry.js';
import { selectCheckpoints } from '../evaluation/select-checkpoints.js';
import type { EvalSuite } from '../evaluation/suite-schema.js';
import { writeCheckpointEval, type CheckpointTarget, type WriteContext } from '../evaluation/write-checkpoint-eval.js';
import { resolvePython } from '../engine/python.js';
import { modelIdentity } from '../plan/content-identity.js';
import { runLayout } from '../plan/run-layout.js';
import type { RunSpec } from '../plan/run-spec.js';
import { readRunRecord } from '../results/run-record.js';
import type { Study } from '../study/study.js';
import { baseEvalTarget, writeBasePointer } from '../evaluation/base-eval.js';
import { decisionStep } from '../evaluation/decision-step.js';
import { claimEvaluation } from '../evaluation/eval-claim.js';
import { toWorkerLoss } from '../evaluation/loss-ahead.js';
import { evaluateWithCommand } from './evaluate-with-command.js';
import { orderTargets, type EvalPhase } from './eval-order.js';
import { computeLossesAhead, knownLossesAhead } from './losses-ahead.js';
import { lossSpec, workerJob } from './worker-job.js';

/** Options of one run's evaluation (CLI flags, or the Slurm eval task's). */
export interface EvaluateRunOptions {
  /** Re-evaluate checkpoints whose manifest already has the current eval identity. */
  force?: boolean;
  /** Interpreter with mlx-lm; default: resolvePython(study). */
  python?: string;
  suite?: EvalSuite;
  signal?: AbortSignal;
  /** Extra seconds past prompt_timeout_s before the watchdog kills a worker on a prompt. */
  promptMarginS?: number;
  /** Progress messages (the CLI prints them). */
  onProgress?: (message: string) => void;
  /** The model's content identity if the caller has it (the plan's); default: hashed here. */
  modelSha256?: string;
  /** Which part: the decision checkpoint, the rest, or all (default), decision checkpoint first. */
  phase?: EvalPhase;
}

/** What one run's evaluation did. */
export interface RunEvalResult {
  runId: string;
  arm: string;
  seed: number;
  evaluated: number[];
  skipped: number[];
  /** Skipped checkpoints re-scored from their stored generations (the scorer config or suite text changed). */
  rescored: number[];
  /** Model loads by the worker sessions of this call (1 per run in adapter mode). */
  modelLoads: number;
  manifests: EvalManifest[];
  keep: KeepResult | undefined;
  /** Evaluated checkpoints whose record files no longer matched their manifest (healed by this call). */
  problems: IntegrityProblem[];
}

/**
 * Evaluates ONE trained run: every selected checkpoint not yet evaluated with the current eval
 * identity, its decision checkpoint (the policy's) first, and the shared base-model evaluation if no
 * other run did it yet; then applies keep_checkpoints. `phase` splits the work so a study can evaluate
 * every run's decision checkpoint before any other (eval-study.ts). The local pipeline and the Slurm
 * task both call this.
 */
export async function evaluateRun(study: Study, spec: RunSpec, opts: EvaluateRunOptions = {}): Promise<RunEvalResult> {
  const runJson = runLayout.runRecord(spec.runDir);
  const record = await readRunRecord(spec.runDir);
  if (!record || record.status !== 'succeeded') {
    throw new UserError(
      `run ${spec.arm}/seed-${spec.seed} is not trained (status: ${record?.status ?? 'not started'})`,
      {
        file: runJson,
        fix: 'run `seedstudy train` first',
      },
    );
  }
  const python = opts.python ?? resolvePython(study).path;
  const suite = opts.suite ?? (await loadStudySuite(study));
  const adapterConfigPath = join(runLayout.adapters(spec.runDir), 'adapter_config.json');
  const adapterConfig = JSON.parse(await readFile(adapterConfigPath, 'utf8')) as Record<string, unknown>;
  const loss = lossSpec(adapterConfig, spec);
  const settings = generationSettings(study, loss);
  const mode: EvalManifest['mode'] = study.eval.command ? 'command' : study.eval.mode;

  const modelSha256 = opts.modelSha256 ?? (await modelContentIdentity(study.model));
  const selected = selectCheckpoints(record.checkpoints, study.eval.checkpoints);
  const checkpoints: CheckpointTarget[] = selected.map((c) => ({
    step: c.step,
    file: c.file,
    sha256: c.sha256,
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    identity: evalIdentity(suite, settings, c.sha256, modelSha256),
    dir: runLayout.checkpointEvalDir(spec.runDir, c.step),
  }));
  const base = study.eval.include_base
    ? await baseEvalTarget(study.outputDir, suite, settings, modelSha256)
    : undefined;
  if (base) await writeBasePointer(spec.runDir, base);
  const phase = opts.phase ?? 'all';
  // best-val: the decision checkpoint is known once the exact losses are; compute them first, alone.
  const lossAhead =
    mode === 'adapter' && settings.loss && /^best-val/.test(study.analysis.checkpoint) && phase !== 'rest'
      ? await computeLossesAhead(spec.runDir, checkpoints, settings.loss, modelSha256, {
          job: (targets) =>
            workerJob(study, suite, settings, study.model, adapterConfigPath, targets.map(asJobCheckpoint)),
          worker: { python, watchdogS: study.eval.watchdog_s, logFile: workerLog(spec) },
          ...(opts.signal ? { signal: opts.signal } : {}),
        })
      : await knownLossesAhead(spec.runDir, checkpoints, settings.loss, modelSha256);
  const decision = decisionStep(
    study.analysis.checkpoint,
    selected,
    new Map([...lossAhead].map(([step, e]) => [step, e.val_loss])),
  );
  const all = orderTargets(checkpoints, base, decision, phase);
  const existing = new Map<string, EvalManifest | undefined>();
  for (const t of all) existing.set(t.dir, await readEvalManifest(t.dir));
  // Every checkpoint is re-verified, evaluated or not: one swapped after its evaluation must not stand.
  for (const t of all) {
    if (t.file && t.sha256) await verifyCheckpoint({ step: t.step, file: t.file, sha256: t.sha256 }, runJson);
  }
  // Records of complete checkpoints are checked against their manifest: bad generations are
  // evaluated again, bad scores re-scored from the generations.
  const problems: IntegrityProblem[] = [];
  const reevaluate = new Set<string>();
  const rescore = new Set<string>();
  for (const t of all) {
    const m = existing.get(t.dir);
    if (opts.force || !m || m.identity !== t.identity) continue;
    const label = t === base ? 'base model' : `${spec.arm}/seed-${spec.seed}`;
    const found = await checkEvalRecords(t.dir, m, label, ['rescore', 'reevaluate']);
    problems.push(...found);
    if (found.some((p) => p.heal === 'reevaluate')) reevaluate.add(t.dir);
    else if (found.length > 0) rescore.add(t.dir);
  }
  let wanted = all.filter((t) => opts.force || existing.get(t.dir)?.identity !== t.identity || reevaluate.has(t.dir));
  // The shared base evaluation: evaluated by whoever needs it first; concurrent Slurm tasks leave it to them.
  const baseClaim = base && wanted.includes(base) ? await claimEvaluation(base.dir) : undefined;
  if (base && wanted.includes(base) && !baseClaim) wanted = wanted.filter((t) => t !== base);
  const todo = wanted;

  const result: RunEvalResult = {
    runId: spec.runId,
    arm: spec.arm,
    seed: spec.seed,
    evaluated: [],
    skipped: all.filter((t) => !todo.includes(t)).map((t) => t.step),
    rescored: [],
    modelLoads: 0,
    manifests: [],
    keep: undefined,
    problems,
  };
  const scorer = createScorer(study.eval.scorer, { cwd: join(study.file, '..') });
  const fingerprint = scorerFingerprint(suite, study.eval.scorer);
  const ctx: WriteContext = {
    suite,
    scorer,
    scorerFingerprint: fingerprint,
    settings: settings as unknown as Record<string, unknown>,
    mode,
  };
  // Skipped checkpoints whose scores came from another scorer config or suite text: re-score, no generation.
  for (const t of all.filter((t) => !todo.includes(t))) {
    const m = existing.get(t.dir);
    if (!m || m.identity !== t.identity) continue; // the base, left to the task evaluating it
    if (m.mode === 'command' || (m.scorer_fingerprint === fingerprint && !rescore.has(t.dir))) continue;
    await rescoreCheckpoint(t.dir, m, suite, scorer, fingerprint);
    result.rescored.push(t.step);
  }
  const done = (manifest: EvalManifest): void => {
    result.evaluated.push(manifest.step);
    result.manifests.push(manifest);
    const who = manifest.step === 0 ? 'base model' : `${spec.arm}/seed-${spec.seed} step ${manifest.step}`;
    opts.onProgress?.(`${who}: mean score ${manifest.mean_score ?? '-'}, val loss ${manifest.val_loss ?? '-'}`);
  };
  const logFile = workerLog(spec);
  const workerOpts = {
    python,
    watchdogS: study.eval.watchdog_s,
    logFile,
    ...(opts.promptMarginS !== undefined ? { promptMarginS: opts.promptMarginS } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  await mkdir(runLayout.evalDir(spec.runDir), { recursive: true });

  try {
    if (mode === 'command') {
      for (const t of todo) await evaluateWithCommand(study, suite, t, settings, spec, opts).then(done);
    } else if (mode === 'fused') {
      for (const t of todo) {
        const staged = t.file
          ? await stageCheckpoint({ file: t.file }, join(runLayout.evalDir(spec.runDir), 'staged'))
          : undefined;
        const fused = staged
          ? await fuseCheckpoint(python, study.model, staged, study.eval.fuse, {
              logFile,
              ...(opts.signal ? { signal: opts.signal } : {}),
            })
          : undefined;
        try {
          const job = workerJob(study, suite, settings, fused?.dir ?? study.model, null, [
            { step: t.step, file: null, sha256: null },
          ]);
          const session = await runWorker(job, {
            ...workerOpts,
            onCheckpoint: async (out) => done(await writeCheckpointEval(t, out, ctx)),
          });
          result.modelLoads += session.modelLoads;
        } finally {
          await fused?.cleanup();
        }
      }
    } else if (todo.length > 0) {
      const job = workerJob(study, suite, settings, study.model, adapterConfigPath, todo.map(asJobCheckpoint));
      // Losses computed ahead (best-val) are not computed again.
      const known = todo.filter((t) => t.sha256 && lossAhead.has(t.step)).map((t) => t.step);
      if (known.length) job.skip_loss = known;
      const byStep = new Map(todo.map((t) => [t.step, t]));
      const session = await runWorker(job, {
        ...workerOpts,
        onCheckpoint: async (out) => {
          const ahead = known.includes(out.step) ? lossAhead.get(out.step) : undefined;
          const full = ahead ? { ...out, loss: toWorkerLoss(out.step, ahead) } : out;
          done(await writeCheckpointEval(byStep.get(out.step)!, full, ctx));
        },
      });
      result.modelLoads = session.modelLoads;
    }
  } finally {
    await baseClaim?.release();
  }

  if (study.keep_checkpoints !== 'all') {
    const manifests = new Map<number, EvalManifest | undefined>();
    for (const t of checkpoints) manifests.set(t.step, existing.get(t.dir) ?? (await readEvalManifest(t.dir)));
    for (const m of result.manifests) if (m.step > 0) manifests.set(m.step, m);
    const complete = checkpoints.every((t) => manifests.get(t.step)?.identity === t.identity);
    if (complete) {
      const valLoss = new Map(selected.map((c) => [c.step, manifests.get(c.step)?.val_loss ?? null]));
      result.keep = await applyKeepCheckpoints(spec.runDir, study.keep_checkpoints, valLoss);
    }
  }
  return result;
}

/** A target as the worker job names it. */
function asJobCheckpoint(t: Pick<CheckpointTarget, 'step' | 'file' | 'sha256'>) {
  return { step: t.step, file: t.file, sha256: t.sha256 };
}

/** The run's worker log (every session of the run appends to it). */
function workerLog(spec: RunSpec): string {
  return join(runLayout.evalDir(spec.runDir), 'worker.log');
}

/** The model's content identity; a model directory that is not there is the user's to fix. */
async function modelContentIdentity(model: string): Promise<string> {
  try {
    return await modelIdentity(model);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    throw new UserError(`the model directory ${model} cannot be read: ${(error as Error).message}`, {
      fix: 'point `model` at the local model directory the runs were trained from',
    });
  }
}
