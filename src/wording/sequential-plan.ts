import type { SequentialPlan } from '../pipeline/sequential-plan.js';
import { fixed, num, pBoundary, pct, pct0, trimmed } from './numbers.js';

/**
 * The sequential part of `seedstudy plan`: the design, look by look, before any seed trains, and
 * what it is expected to cost against a fixed design. Plain text lines; the numbers are the plan's.
 */
export function formatSequentialPlan(s: SequentialPlan): string[] {
  return s.question === 'compare' ? compareLines(s) : reproduceLines(s);
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padStart(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function compareLines(s: Extract<SequentialPlan, { question: 'compare' }>): string[] {
  const { plan } = s;
  const spec = plan.design.spec;
  const spending =
    spec.spending.kind === 'hwang-shih-decani'
      ? `hwang-shih-decani γ=${trimmed(spec.spending.gamma)}`
      : spec.spending.kind;
  const hasFutility = plan.looks.some((l) => l.futilityZ !== null);
  const oneSided = plan.design.futilitySides === 1;
  const rows = plan.looks.map((l) => [
    String(l.look),
    String(l.seedsPerArm),
    fixed(l.efficacyZ, 3),
    pBoundary(l.efficacyP),
    ...(hasFutility
      ? [
          l.futilityZ === null ? '-' : fixed(l.futilityZ, 3),
          ...(oneSided ? [] : [l.futilityP === null ? '-' : pBoundary(l.futilityP)]),
        ]
      : []),
    pBoundary(l.alphaSpent),
  ]);
  const header = [
    'look',
    'seeds/arm',
    'stop if |z| ≥',
    'or p ≤',
    ...(hasFutility ? (oneSided ? ['futility if z <'] : ['futility |z| <', 'or p >']) : []),
    'α spent',
  ];
  const out = [
    `sequential design: compare ${s.arms[0]} − ${s.arms[1]}, group-sequential Welch test, two-sided α = ${trimmed(spec.alpha)}, ${spending} spending${hasFutility ? `, non-binding futility (${oneSided ? `stops when ${s.arms[0]} is not ahead enough` : 'stops when the difference is near zero'})` : ''}`,
    ...table(header, rows).map((l) => `  ${l}`),
    `  at most ${plan.maxSeedsPerArm} seeds per arm; maximum information ${fixed(plan.inflationFactor, 3)}× a fixed design of the same power`,
  ];
  const e = plan.effect;
  if (!e) {
    out.push('  no design effect given (`effect:`), so power and expected seeds are not computed');
  } else {
    out.push(
      `  design effect d = ${trimmed(e.d, 3)}: power ${pct(e.power)} with these looks (${fixed(e.maxSeedsForPlannedPower, 1)} seeds per arm would give the planned power)`,
      `  expected seeds per arm: ${num(e.expectedSeedsNoEffect, 1)} with no effect, ${num(e.expectedSeedsDesignEffect, 1)} at the design effect` +
        (e.fixedSeedsPerArm === null
          ? ''
          : `; a fixed design of the same planned power needs ${e.fixedSeedsPerArm} (${pct0(e.expectedSeedsNoEffect / e.fixedSeedsPerArm)} and ${pct0(e.expectedSeedsDesignEffect / e.fixedSeedsPerArm)} of it)`),
    );
  }
  out.push(`  design hash ${s.designHash.slice(0, 12)} (locked at the first look)`);
  return out;
}

function reproduceLines(s: Extract<SequentialPlan, { question: 'reproduce' }>): string[] {
  const { design, scenarios, maxRuns } = s.plan;
  const spec = design.spec;
  const rows = design.looks.map((l, i) => [
    String(i + 1),
    String(l.runs),
    l.notReproducibleAtMost < 0 ? '-' : `≤ ${l.notReproducibleAtMost}`,
    l.reproducibleAtLeast > l.runs ? '-' : `≥ ${l.reproducibleAtLeast}`,
  ]);
  return [
    `sequential design: does baseline "${s.baseline}" reproduce? exact sequential binomial test of a share ≥ ${trimmed(spec.p0)} (reproducible) against ≤ ${trimmed(spec.p1)} (not), α = ${trimmed(spec.alpha)}, β = ${trimmed(spec.beta)}`,
    ...table(['look', 'runs', 'not reproducible if hits', 'reproducible if hits'], rows).map((l) => `  ${l}`),
    `  exact error rates: ${pct(design.alphaAttained)} "not reproducible" at ${trimmed(spec.p0)}, ${pct(design.betaAttained)} "reproducible" at ${trimmed(spec.p1)}${design.meetsTargets ? '' : ' (the looks are too few to meet α and β)'}`,
    ...scenarios.map(
      (c) =>
        `  if ${pct0(c.q)} of runs reach the claim: ${num(c.expectedRuns, 1)} runs expected (fixed design: ${maxRuns}), ${pct(c.notReproducible)} end "not reproducible"`,
    ),
    `  design hash ${s.designHash.slice(0, 12)} (locked at the first look)`,
  ];
}
