import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseObservationsText } from '../../src/results/import-observations.js';
import { importInputs as importObservations } from '../../src/pipeline/import-inputs.js';
import { parseCsv } from '../../src/results/csv-parse.js';
import { UserError } from '../../src/errors/user-error.js';

const fixtures = join(import.meta.dirname, '../fixtures/phase43a');

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, comments and keeps line numbers', () => {
    const r = parseCsv('# c\r\na,b\r\n"x, y","say ""hi"""\r\n\r\n1,2\n');
    expect(r).toEqual([
      { line: 2, fields: ['a', 'b'] },
      { line: 3, fields: ['x, y', 'say "hi"'] },
      { line: 5, fields: ['1', '2'] },
    ]);
  });
});

describe('importObservations on the seed document fixtures', () => {
  it('reads the Phase 43a per-prompt table: 19 × 0.5, 7 × 0, 1 × 1 = 38.9%', async () => {
    const d = await importObservations([join(fixtures, 'phase43a-per-prompt.csv')]);
    expect(d.observations).toHaveLength(27);
    const s = d.observations.map((o) => o.score);
    expect(s.filter((x) => x === 0.5)).toHaveLength(19);
    expect(s.filter((x) => x === 0)).toHaveLength(7);
    expect(s.filter((x) => x === 1)).toHaveLength(1);
    expect(s.reduce((a, b) => a + b, 0) / 27).toBeCloseTo(10.5 / 27, 12);
    expect(d.observations[0]).toMatchObject({
      arm: 'phase43a',
      seed: 0,
      checkpoint: 600,
      promptId: 'text-01',
      category: 'text_tools',
      valLoss: 0.494,
      failureClass: 'direct_call_no_wrapper',
    });
  });
  it('reads category-level tables, snaps printed rounding, warns on unreachable figures', async () => {
    const d = await importObservations([
      join(fixtures, 'phase43a-resumed-categories.csv'),
      join(fixtures, 'phase33b-categories.csv'),
    ]);
    expect(d.observations).toHaveLength(0);
    const resumed = d.categoryLevel.filter((c) => c.arm === 'phase43a-resumed');
    const points = resumed.reduce((a, c) => a + c.score * c.promptCount, 0);
    expect(points).toBeCloseTo(5.0, 12); // 18.5% = 5/27
    const b = d.categoryLevel.filter((c) => c.arm === 'phase33b');
    expect(b.reduce((a, c) => a + c.score * c.promptCount, 0) / 27).toBeCloseTo(0.824074, 6); // 2225/2700
    expect(d.warnings).toHaveLength(2);
    expect(d.warnings.join('\n')).toMatch(/domain: 60% of 9 prompt\(s\) = 5.4 points/);
    expect(d.warnings.join('\n')).toMatch(/multi_tool: 35% of 1 prompt\(s\) = 0.35 points/);
  });
});

describe('validation errors name file, line, column and fix', () => {
  const head = 'arm,seed,checkpoint,prompt_id,category,score\n';
  it('score out of range', () => {
    const e = userError(() => parseObservationsText('x.csv', `${head}a,1,100,p1,c,0.5\na,1,100,p2,c,82.4\n`));
    expect(e.file).toBe('x.csv');
    expect(e.line).toBe(3);
    expect(e.keyPath).toBe('score');
    expect(e.fix).toMatch(/divide percentages by 100/);
  });
  it('missing and unknown columns, duplicates, bad seed, ragged rows, JSONL', () => {
    expect(
      userError(() => parseObservationsText('x.csv', 'arm,seed,checkpoint,prompt_id,score\na,1,1,p,1\n')).keyPath,
    ).toBe('category');
    expect(
      userError(() => parseObservationsText('x.csv', `arm,seed,checkpoint,prompt_id,category,score,scroe\n`)).keyPath,
    ).toBe('scroe');
    expect(userError(() => parseObservationsText('x.csv', `${head}a,1,1,p,c,1\na,1,1,p,c,0\n`)).message).toMatch(
      /duplicate of line 2/,
    );
    expect(userError(() => parseObservationsText('x.csv', `${head}a,1.5,1,p,c,1\n`)).keyPath).toBe('seed');
    expect(userError(() => parseObservationsText('x.csv', `${head}a,1,1,p,c\n`)).line).toBe(2);
    const j = parseObservationsText(
      'x.jsonl',
      '{"arm":"a","seed":1,"checkpoint":0,"prompt_id":"p","category":"c","score":1,"repeat":1}\n',
    );
    expect(j.observations[0]).toMatchObject({ arm: 'a', repeat: 1, score: 1 });
    expect(
      userError(() =>
        parseObservationsText(
          'x.jsonl',
          '{"arm":"a","seed":1,"checkpoint":0,"prompt_id":"p","category":"c","score":2}\n',
        ),
      ).line,
    ).toBe(1);
  });
});

describe('strict imports: what used to be coerced or misreported', () => {
  const header = 'arm,seed,checkpoint,prompt_id,category,score';
  it('a duplicated column is refused with both positions (the first used to win)', () => {
    const e = userError(() => parseObservationsText('d.csv', `${header},score\na,0,100,p1,c,1,0\n`));
    expect(e.message).toBe('column "score" appears twice (fields 6 and 7)');
    expect([e.file, e.line, e.keyPath]).toEqual(['d.csv', 1, 'score']);
  });
  it('a JSON object or list as a value is refused, not turned into text', () => {
    const obj = userError(() =>
      parseObservationsText(
        'o.jsonl',
        `{"arm":{"name":"a"},"seed":0,"checkpoint":1,"prompt_id":"p","category":"c","score":1}\n`,
      ),
    );
    expect(obj.message).toBe('"arm" is an object, not a value');
    expect([obj.line, obj.keyPath]).toEqual([1, 'arm']);
    const list = userError(() =>
      parseObservationsText(
        'l.jsonl',
        `{"arm":"a","seed":0,"checkpoint":1,"prompt_id":"p","category":"c","score":1}\n{"arm":"a","seed":1,"checkpoint":1,"prompt_id":"p","category":"c","score":[0.5]}\n`,
      ),
    );
    expect(list.message).toBe('"score" is a list, not a value');
    expect([list.line, list.keyPath]).toEqual([2, 'score']);
  });
  it('an unclosed quote is reported where it opens (line and field), not on line 1', () => {
    const text = `${header}\na,0,100,p1,c,1\na,1,100,"p2,c,1\na,2,100,p3,c,1\n`;
    const e = userError(() => parseObservationsText('q.csv', text));
    expect(e.message).toBe('the quote that opens field 4 on line 3 is never closed');
    expect([e.line, e.keyPath]).toEqual([3, 'field 4']);
  });
});
