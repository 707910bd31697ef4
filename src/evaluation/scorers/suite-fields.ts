import { UserError } from '../../errors/user-error.js';
import type { ScorerConfig } from '../../study/schema.js';
import type { EvalSuite, SuitePrompt } from '../suite-schema.js';

/** The prompt field each built-in scorer reads (external scorers read what they like). */
const neededField: Record<ScorerConfig['kind'], 'reference' | 'regex' | 'expected_tool' | undefined> = {
  'tool-call': 'expected_tool',
  exact: 'reference',
  contains: 'reference',
  regex: 'regex',
  'json-match': 'reference',
  external: undefined,
};

/**
 * The suite checked against the scorer before any training: the scorers only meet a missing
 * `reference`, a bad regex or a non-JSON json-match reference when scoring, hours later.
 * Missing fields are one problem (first prompt, then how many more); each bad value is its own.
 */
export function checkSuiteFields(suite: EvalSuite, scorer: ScorerConfig): UserError[] {
  const field = neededField[scorer.kind];
  if (!field) return [];
  const problems: UserError[] = [];
  const missing = suite.prompts.flatMap((p, i) => (typeof p[field] === 'string' ? [] : [i]));
  if (missing.length > 0) {
    const [first, ...others] = missing.map((i) => ({ i, p: suite.prompts[i]! }));
    const more =
      others.length === 0
        ? ''
        : ` (and ${others.length} more: ${others
            .slice(0, 5)
            .map(({ p }) => `"${p.id}"`)
            .join(', ')}${others.length > 5 ? ', ...' : ''})`;
    problems.push(
      new UserError(`${who(first!.i, first!.p)} has no \`${field}\`, which the ${scorer.kind} scorer needs${more}`, {
        file: suite.file,
        keyPath: `prompts[${first!.i}].${field}`,
        fix: `add \`${field}\` to every prompt of the suite, or choose another scorer in eval.scorer`,
      }),
    );
  }
  suite.prompts.forEach((p, i) => {
    const bad = badValue(scorer.kind, p);
    if (bad)
      problems.push(
        new UserError(`${who(i, p)}: ${bad.message}`, {
          file: suite.file,
          keyPath: `prompts[${i}].${bad.key}`,
          fix: bad.fix,
        }),
      );
  });
  return problems;
}

function who(i: number, p: SuitePrompt): string {
  return `prompt ${i} ("${p.id}")`;
}

/** A present but unusable value: a regex JavaScript rejects (compiled as the scorer does), a non-JSON reference. */
function badValue(
  kind: ScorerConfig['kind'],
  p: SuitePrompt,
): { key: string; message: string; fix: string } | undefined {
  if (kind === 'regex' && typeof p.regex === 'string') {
    try {
      new RegExp(p.regex, 'u');
    } catch (error) {
      const why = (error as Error).message.replace(/^Invalid regular expression: /, '');
      return {
        key: 'regex',
        message: `regex is not a valid JavaScript regular expression: ${why}`,
        fix: 'fix the pattern (JavaScript syntax, unicode mode)',
      };
    }
  }
  if (kind === 'json-match' && typeof p.reference === 'string') {
    try {
      JSON.parse(p.reference);
    } catch {
      return {
        key: 'reference',
        message: 'reference is not valid JSON, which the json-match scorer needs',
        fix: 'write the reference as JSON text, e.g. \'{"a": 1}\' (strings need their quotes: \'"yes"\')',
      };
    }
  }
  return undefined;
}
