import { UserError } from '../errors/user-error.js';
import type { AnalysisResult } from '../statistics/analysis-result.js';
import type { BaselineClaim } from '../statistics/analyze.js';
import { claimedFigureSchema, parseClaimedFigure } from '../study/claimed-figure.js';
import { armNames, loadAnalysisSource, requireArm, type AnalysisFlags } from './analysis-input.js';
import { runAnalysis } from './run-analysis.js';

/** Which claim `seedstudy reproduce` checks: one typed on the command line, or a study baseline by name. */
export interface ClaimFlags {
  baseline?: string | undefined;
  arm?: string | undefined;
  /** As typed: the string keeps the printed precision ("0.80" is ±0.005, "82.4%" ±0.0005). */
  claimed?: string | undefined;
  tolerance?: number | undefined;
  promptCount?: number | undefined;
  name?: string | undefined;
}

/**
 * The typed claim, checked before any file is read so a bad flag fails at once; undefined when the
 * claim is a study baseline (`--baseline NAME`), whose own entry carries tolerance and prompt count.
 */
export function typedClaim(flags: ClaimFlags): BaselineClaim | undefined {
  if (flags.claimed !== undefined) {
    const raw = String(flags.claimed).trim();
    if (!claimedFigureSchema.safeParse(raw).success) {
      throw new UserError(`--claimed ${flags.claimed} is neither a fraction in [0, 1] nor a percentage`, {
        keyPath: '--claimed',
        fix: 'give 82.4% as --claimed 82.4% or --claimed 0.824',
      });
    }
    if (flags.tolerance !== undefined && !(flags.tolerance >= 0 && flags.tolerance <= 0.5)) {
      throw new UserError(`--tolerance ${flags.tolerance} is not a fraction in [0, 0.5]`, {
        keyPath: '--tolerance',
        fix: 'e.g. --tolerance 0.0005 for ±0.05 points',
      });
    }
    const figure = parseClaimedFigure(raw);
    return {
      name: flags.baseline ?? flags.name ?? 'claim',
      claimed: figure.value,
      tolerance: flags.tolerance ?? figure.printedTolerance,
      arm: flags.arm,
      promptCount: flags.promptCount,
    };
  }
  if (flags.baseline === undefined) {
    throw new UserError('which claim?', {
      fix: 'pass --baseline NAME (from the study file) or --claimed 0.824 with --arm A',
    });
  }
  for (const [flag, value] of [
    ['--tolerance', flags.tolerance],
    ['--prompt-count', flags.promptCount],
  ] as const) {
    if (value !== undefined) {
      const key = flag === '--tolerance' ? 'tolerance' : 'prompt_count';
      throw new UserError(`${flag} applies to --claimed, not to a study baseline`, {
        keyPath: flag,
        fix: `set it in the study's baselines entry (${key}:), or use --claimed`,
      });
    }
  }
  return undefined;
}

/**
 * `seedstudy reproduce`: resolves the claim (typed, or the study's baseline with an optional --arm),
 * checks its arm exists, and runs the analysis with that one claim and no arm comparisons.
 */
export async function reproduceClaim(
  claim: ClaimFlags,
  flags: AnalysisFlags,
): Promise<{ result: AnalysisResult; written: string | undefined }> {
  const typed = typedClaim(claim);
  const source = await loadAnalysisSource(flags);
  const baselines = source.settings.baselines;
  const claims = typed
    ? [typed]
    : baselines.filter((b) => b.name === claim.baseline).map((b) => ({ ...b, arm: claim.arm ?? b.arm }));
  if (!claims.length) {
    const names = baselines.map((b) => b.name).join(', ') || '(none in the study: add baselines: or pass --claimed)';
    throw new UserError(`no baseline named "${claim.baseline}"`, {
      keyPath: '--baseline',
      fix: `use one of: ${names}`,
    });
  }
  const arms = armNames(source);
  for (const c of claims) {
    if (c.arm === undefined && arms.length !== 1) {
      throw new UserError('several arms: say which one the claim is about', {
        keyPath: '--arm',
        fix: `use --arm with one of: ${arms.join(', ')}`,
      });
    }
    if (c.arm !== undefined) requireArm(source, c.arm, '--arm');
  }
  return runAnalysis(source, { baselines: claims, comparisons: [] });
}
