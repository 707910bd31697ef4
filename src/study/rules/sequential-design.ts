import { didYouMean } from '../did-you-mean.js';
import type { RuleContext, RuleViolation, StudyRule } from './rule.js';

/**
 * The `sequential:` block's cross-field rules, all reported at once: the arms or baseline it names
 * exist, the looks increase and fit in the seeds the study lists, and the spending settings agree.
 * A design that cannot be carried out must fail at `validate`, before any seed trains.
 */
export const sequentialDesignRules: StudyRule = (context) => {
  const design = context.study.sequential;
  if (!design) return undefined;
  const problems: RuleViolation[] = [...looksProblems(context, design.looks, design.question === 'compare' ? 2 : 1)];
  if (design.question === 'compare') {
    const names = context.arms.map((a) => a.name);
    design.arms.forEach((arm, i) => {
      if (!names.includes(arm)) {
        const guess = didYouMean(arm, names);
        problems.push({
          path: ['sequential', 'arms', i],
          message: `no arm named "${arm}"`,
          fix: guess ? `did you mean \`${guess}\`?` : `use one of ${names.join(', ')}`,
        });
      }
    });
    if (design.arms[0] === design.arms[1])
      problems.push({
        path: ['sequential', 'arms'],
        message: `the design compares arm "${design.arms[0]}" with itself`,
        fix: 'name two different arms',
      });
    problems.push(...gammaProblems(design.spending, design.gamma, ['sequential']));
    if (design.futility)
      problems.push(...gammaProblems(design.futility.spending, design.futility.gamma, ['sequential', 'futility']));
    if (design.futility && !design.effect)
      problems.push({
        path: ['sequential', 'futility'],
        message: 'a futility bound is planned at a design effect, and none is given',
        fix: 'add `effect: {d: 1}` (or `{points: …, sd: …}`) to `sequential`, or remove `futility`',
      });
  } else {
    const names = context.study.baselines.map((b) => b.name);
    if (!names.includes(design.baseline)) {
      const guess = didYouMean(design.baseline, names);
      problems.push({
        path: ['sequential', 'baseline'],
        message: `no baseline named "${design.baseline}"`,
        fix: guess
          ? `did you mean \`${guess}\`?`
          : names.length > 0
            ? `use one of ${names.join(', ')}`
            : 'add the claim under `baselines` and name it here',
      });
    }
    if (!(design.p1 < design.p0))
      problems.push({
        path: ['sequential', 'p1'],
        message: `p1 (${design.p1}) must be below p0 (${design.p0})`,
        fix: 'p0 is the share of runs reaching the claim if it reproduces, p1 the share if it does not: e.g. p0: 0.5, p1: 0.1',
      });
  }
  return problems;
};

function looksProblems(context: RuleContext, looks: readonly number[], minimum: number): RuleViolation[] {
  const out: RuleViolation[] = [];
  const seeds = context.study.seeds.length;
  looks.forEach((n, i) => {
    if (i > 0 && n <= looks[i - 1]!)
      out.push({
        path: ['sequential', 'looks', i],
        message: `look ${i + 1} (${n} seeds) does not come after look ${i} (${looks[i - 1]} seeds)`,
        fix: 'list the looks as increasing cumulative seed counts, e.g. [5, 10, 15, 20]',
      });
  });
  if (looks[0]! < minimum)
    out.push({
      path: ['sequential', 'looks', 0],
      message: `the first look has ${looks[0]} seed(s); a Welch test needs at least ${minimum} per arm`,
      fix: `start the looks at ${minimum} seeds or more (5 is a sensible first look)`,
    });
  const last = looks[looks.length - 1]!;
  if (last > seeds)
    out.push({
      path: ['sequential', 'looks', looks.length - 1],
      message: `the last look needs ${last} seeds but \`seeds\` lists ${seeds}`,
      fix: `list at least ${last} seeds, or end the looks at ${seeds}`,
    });
  return out;
}

function gammaProblems(spending: string, gamma: number | undefined, at: (string | number)[]): RuleViolation[] {
  if (spending === 'hwang-shih-decani' && gamma === undefined)
    return [
      {
        path: [...at, 'spending'],
        message: 'hwang-shih-decani spending needs its γ',
        fix: `add \`gamma:\` next to it (−4 spends like O'Brien–Fleming, 1 like Pocock)`,
      },
    ];
  if (spending !== 'hwang-shih-decani' && gamma !== undefined)
    return [
      {
        path: [...at, 'gamma'],
        message: `gamma only applies to hwang-shih-decani spending, not ${spending}`,
        fix: 'remove `gamma`, or set `spending: hwang-shih-decani`',
      },
    ];
  return [];
}
