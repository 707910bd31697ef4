/**
 * A synthetic study for the report bench and the report's large-study tests: observations with a
 * seed effect, a prompt effect and learning over checkpoints, val losses, outputs for the final
 * checkpoint and run records, built in memory (deterministic LCG, no I/O).
 */

/** Deterministic 32-bit LCG in [0, 1). */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * @param {{arms: string[], seeds: number, checkpoints: number, prompts: number, categories?: number}} size
 * @returns {import('./_synthetic-study.d.mts').SyntheticStudy}
 */
export function syntheticStudy(size) {
  const categories = size.categories ?? 8;
  const rand = lcg(12345);
  const promptEffect = Array.from({ length: size.prompts }, () => rand() * 2 - 1);
  const steps = Array.from({ length: size.checkpoints }, (_, i) => (i + 1) * 50);
  const observations = [];
  const valLosses = [];
  const outputs = [];
  const runs = [];
  const classes = ['wrapped-correct', 'direct-call', 'think-mode', 'wrong-tool', 'prose'];
  for (const [ai, arm] of size.arms.entries()) {
    for (let seed = 0; seed < size.seeds; seed++) {
      const seedEffect = rand() * 1.6 - 0.8 + ai * 0.3;
      const checkpoints = [];
      for (const [ci, step] of steps.entries()) {
        const progress = (ci + 1) / steps.length;
        const valLoss = 2 - progress * 0.8 - seedEffect * 0.2 + rand() * 0.05;
        valLosses.push({ arm, seed, step, valLoss });
        checkpoints.push({ step, sha256: (ai * 1e6 + seed * 1e3 + ci).toString(16).padStart(64, '0') });
        for (let p = 0; p < size.prompts; p++) {
          const u = promptEffect[p] + seedEffect + progress - 0.6 + rand() * 0.8;
          const score = u > 0.6 ? 1 : u > 0 ? 0.5 : 0;
          const failureClass = score === 1 ? classes[0] : score === 0.5 ? classes[1] : classes[2 + (p % 3)];
          const promptId = `p-${String(p).padStart(4, '0')}`;
          observations.push({
            arm,
            seed,
            checkpoint: step,
            promptId,
            category: `cat-${p % categories}`,
            score,
            failureClass,
            valLoss,
          });
          if (ci === steps.length - 1) {
            outputs.push({
              arm,
              seed,
              step,
              promptId,
              output: score === 1 ? `execute_code("tool_${p}()")` : `<think>${'x'.repeat(p % 50)}</think>`,
              reason: failureClass,
              finishReason: 'stop',
            });
          }
        }
      }
      runs.push({
        runId: `${arm}-${seed}`,
        arm,
        seed,
        status: 'succeeded',
        mlxLmVersion: '0.32.2',
        gitCommit: null,
        host: 'bench',
        startedAt: null,
        finishedAt: null,
        checkpoints,
      });
    }
  }
  return { observations, valLosses, outputs, runs };
}
