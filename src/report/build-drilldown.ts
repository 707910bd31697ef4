import { compareText, runKey } from './aggregate-observations.js';
import type { policyPromptScores } from './policy-prompt-scores.js';
import type { Drilldown, DrilldownEntry, PromptStabilityRow } from './report-model.js';
import type { ReportLimits, ReportOutput } from './report-input.js';

/**
 * The drill-down: for each prompt, every shown seed's output at its policy checkpoint, so a
 * reader can see *why* a prompt flips between seeds. Least stable prompts come first; limits
 * keep a 500-prompt × 100-seed study to a readable size, and the note says what was left out.
 */
export function buildDrilldown(
  arms: readonly string[],
  seeds: readonly number[],
  stability: readonly PromptStabilityRow[],
  scores: ReturnType<typeof policyPromptScores>,
  policy: ReadonlyMap<string, number>,
  outputs: readonly ReportOutput[],
  limits: ReportLimits,
): Drilldown {
  const byKey = new Map<string, ReportOutput>();
  for (const o of outputs) {
    if (policy.get(runKey(o.arm, o.seed)) !== o.step) continue;
    const key = `${runKey(o.arm, o.seed)}\u0000${o.promptId}`;
    if (!byKey.has(key)) byKey.set(key, o);
  }
  const instability = new Map<string, { distance: number; category: string }>();
  for (const row of stability) {
    const distance = Math.abs(row.passRate - 0.5);
    const prev = instability.get(row.promptId);
    if (!prev || distance < prev.distance) instability.set(row.promptId, { distance, category: row.category });
  }
  const promptIds = [...instability.keys()].sort(
    (a, b) => instability.get(a)!.distance - instability.get(b)!.distance || compareText(a, b),
  );
  const shownPrompts = promptIds.slice(0, limits.drilldownPrompts);
  const shownSeeds = seeds.slice(0, limits.drilldownSeeds);
  const passRate = new Map(stability.map((r) => [`${r.arm}\u0000${r.promptId}`, r.passRate]));
  const prompts = shownPrompts.map((promptId) => ({
    promptId,
    category: instability.get(promptId)!.category,
    arms: arms
      .filter((arm) => passRate.has(`${arm}\u0000${promptId}`))
      .map((arm) => ({
        arm,
        passRate: passRate.get(`${arm}\u0000${promptId}`)!,
        entries: shownSeeds.flatMap((seed): DrilldownEntry[] => {
          const key = `${runKey(arm, seed)}\u0000${promptId}`;
          const score = scores.get(key);
          if (!score) return [];
          const out = byKey.get(key);
          const text = out?.output ?? null;
          const cut = text !== null && text.length > limits.outputChars ? text.length - limits.outputChars : 0;
          return [
            {
              seed,
              step: policy.get(runKey(arm, seed))!,
              score: score.sum / score.n,
              failureClass: score.failureClass,
              reason: out?.reason ?? null,
              finishReason: out?.finishReason ?? null,
              output: text === null ? null : cut > 0 ? text.slice(0, limits.outputChars) : text,
              truncatedChars: cut,
            },
          ];
        }),
      })),
  }));
  const left: string[] = [];
  if (promptIds.length > shownPrompts.length)
    left.push(`the ${shownPrompts.length} least stable of ${promptIds.length} prompts are shown`);
  if (seeds.length > shownSeeds.length)
    left.push(`the first ${shownSeeds.length} of ${seeds.length} seeds per arm are shown`);
  const note = left.length ? `To keep this report readable, ${left.join(' and ')}; scores.csv has every score.` : null;
  return { prompts, note };
}
