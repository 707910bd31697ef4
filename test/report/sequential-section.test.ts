import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportInput } from '../../src/pipeline/load-report-input.js';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { chartCaption } from '../../src/report/charts/chart.js';
import { sequentialLooksChart } from '../../src/report/charts/sequential-looks.chart.js';
import { escapeMarkdownInline } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { renderSvg } from '../../src/report/render-svg.js';
import type { ReportInput } from '../../src/report/report-input.js';
import type { ReportModel } from '../../src/report/report-model.js';
import { sequentialRecordSchema, type SequentialRecord } from '../../src/results/sequential-record.js';
import { sentencesAsLines, sequentialLines, sequentialSentences } from '../../src/wording/sequential-outcome.js';
import { STATISTICAL } from '../helpers/statistical-terms.js';
import {
  COMPARE_DESIGN,
  efficacyStop,
  failedSeed,
  futilityStop,
  hostileArms,
  reachedMax,
  redesigned,
  REPRODUCE_DESIGN,
  reproduceStop,
} from './sequential-fixtures.js';
import { loadSmallStudy } from './small-study.js';

const schemaPath = fileURLToPath(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url));

const FIXTURES: [string, SequentialRecord, typeof COMPARE_DESIGN][] = [
  ['efficacy stop', efficacyStop, COMPARE_DESIGN],
  ['futility stop', futilityStop, COMPARE_DESIGN],
  ['reached the last look', reachedMax, COMPARE_DESIGN],
  ['failed seed', failedSeed, COMPARE_DESIGN],
  ['redesign', redesigned, COMPARE_DESIGN],
  ['reproduce stop', reproduceStop, REPRODUCE_DESIGN],
];

let base: ReportInput;
beforeAll(async () => {
  base = await loadSmallStudy();
});

function model(record: SequentialRecord, design = COMPARE_DESIGN): ReportModel {
  return buildReportModel({ ...base, sequential: { record, design } });
}

function markdownOf(m: ReportModel): string {
  const charts = [sequentialLooksChart].map((c) => ({ id: c.id, title: c.title, caption: chartCaption(c, m) }));
  return renderMarkdown(m, charts);
}

/** The Markdown from "## Sequential design" to the next "## " heading that is not the table of looks. */
function sequentialMarkdown(m: ReportModel): string {
  const md = markdownOf(m);
  const start = md.indexOf('## Sequential design');
  const end = md.indexOf('## Arms over seeds');
  return md.slice(start, end);
}

describe('sequential sentences', () => {
  it('every fixture is a valid sequential.json', () => {
    for (const [name, record] of FIXTURES) expect(sequentialRecordSchema.safeParse(record).success, name).toBe(true);
  });

  it('open with a plain sentence without statistical symbols, then the numbers', () => {
    for (const [name, record, design] of FIXTURES) {
      const { decision } = sequentialSentences(record, design);
      expect(decision.plain, name).not.toMatch(STATISTICAL);
      expect(decision.plain, name).not.toMatch(/\bz\b|≤|≥|[<>]/);
      expect(decision.plain, name).toMatch(/\.$/);
      expect(decision.numbers.length, name).toBeGreaterThan(0);
    }
  });

  it('efficacy stop at look 2 of 4: the decision, the adjusted inference, naive labelled, seeds and hours saved', () => {
    const s = sequentialSentences(efficacyStop, COMPARE_DESIGN);
    expect(s.decision.tone).toBe('good');
    expect(s.decision.plain).toBe(
      'Stopped after 10 seeds per arm: arm variant scores higher than arm base, and the evidence crossed the pre-registered bar at the second of four looks.',
    );
    // Fixture: naive Welch p 0.0021, nominal boundary 0.0030 (docs/sequential.md), z 3.07 against 2.963.
    expect(s.decision.numbers).toBe('Welch p = 0.0021 ≤ 0.0030 at look 2 of 4 (|z| = 3.070 ≥ 2.963).');
    // Fixture inference: adjusted p 0.0043, estimate 0.121 [0.031, 0.205], repeated [0.012, 0.234], naive 0.14.
    expect(s.inference[0]).toBe(
      'Accounting for the looks: adjusted p = 0.0043 (stage-wise ordering); difference variant − base +12.1 points (median-unbiased estimate), 95% interval [+3.1, +20.5]; repeated 95% confidence interval [+1.2, +23.4] (valid whatever the stopping rule did).',
    );
    expect(s.inference[1]).toMatch(/^Naive, for reference only .*: p = 0\.0021, difference \+14\.0 points\.$/);
    // Fixed design 23 per arm = 46 runs; 20 used; 30 h over 20 runs = 1.5 h per run; 26 runs × 1.5 h = 39 h.
    expect(s.savings).toBe(
      'Against a fixed design of the same power (23 seeds per arm, 46 runs): 13 seeds per arm (26 runs) and about 1d15h saved (an estimate: the 20 runs used took 1d06h of training and evaluation, 1h30m per run).',
    );
    expect(s.redesign).toBeNull();
    expect(s.notes).toEqual([]);
  });

  it('names the arm ahead when the difference is negative', () => {
    const flipped = structuredClone(efficacyStop);
    const st = flipped.looks[1]!.statistic!;
    if (st.question === 'compare') st.z = -3.07;
    expect(sequentialSentences(flipped, COMPARE_DESIGN).decision.plain).toMatch(
      /arm base scores higher than arm variant/,
    );
  });

  it('futility stop: says the first arm is not ahead enough, with the bound it fell under', () => {
    const s = sequentialSentences(futilityStop, COMPARE_DESIGN);
    expect(s.decision.tone).toBe('bad');
    expect(s.decision.plain).toBe(
      'Stopped after 10 seeds per arm, at the second of four looks: arm variant is not far enough ahead of arm base for more seeds to be worth training, by a rule set before the study started.',
    );
    expect(s.decision.numbers).toBe('z = 0.120 < 0.325, the futility bound, at look 2 of 4 (Welch p = 0.9045).');
    expect(s.inference[0]).toMatch(/adjusted p = 0\.9051 .* \+0\.4 points .* \[-8\.1, \+9\.0\]/);
    expect(s.savings).toMatch(
      /^Against a fixed design of the same power \(23 seeds per arm, 46 runs\): 13 seeds per arm \(26 runs\) and/,
    );
  });

  it('reaching the last look: undecided, with the last boundary', () => {
    const s = sequentialSentences(reachedMax, COMPARE_DESIGN);
    expect(s.decision.tone).toBe('unsure');
    expect(s.decision.plain).toBe(
      'All planned seeds were used (20 seeds per arm): the evidence never crossed the pre-registered bar, so the study cannot tell arm variant and arm base apart.',
    );
    expect(s.decision.numbers).toBe('Welch p = 0.1336 > 0.0440 at look 4 of 4, the last look.');
    // 40 runs over 40 h: 1 h per run; the fixed design of the same power needs 46 runs: 6 saved.
    expect(s.savings).toMatch(
      /: 3 seeds per arm \(6 runs\) and about 6h00m saved \(an estimate: the 40 runs used took 1d16h/,
    );
  });

  it('says so when the study used more runs than the fixed design of the same power', () => {
    const s = sequentialSentences({ ...reachedMax, fixedDesignSeeds: 18 }, COMPARE_DESIGN);
    // 40 runs used against 36; 1 h per run.
    expect(s.savings).toBe(
      'The study used 4 runs (about 4h00m) more than a fixed design of the same power (18 seeds per arm, 36 runs) would have (an estimate: the 40 runs used took 1d16h of training and evaluation, 1h00m per run).',
    );
  });

  it('a failed seed: the look used the seeds that finished and its boundary was recomputed', () => {
    const s = sequentialSentences(failedSeed, COMPARE_DESIGN);
    expect(s.decision.plain).toBe(
      'After 10 seeds of arm variant and 9 of arm base the study goes on: the evidence has not crossed the pre-registered bar at the second of four looks.',
    );
    expect(s.decision.numbers).toBe('Welch p = 0.0357 > 0.0029 at look 2 of 4; z = 2.100 ≥ 0.325, the futility bound.');
    expect(s.notes).toEqual([
      'Look 2: seed 14 of arm base failed; the look went on with the seeds that finished (10 seeds of arm variant and 9 of arm base); its boundary was recomputed for the information the finished seeds carry, which the spending of the error rate allows.',
    ]);
    expect(s.inference).toEqual([]);
    expect(s.savings).toBeNull();
  });

  it('a redesign is flagged, and leads the report warnings', () => {
    const s = sequentialSentences(redesigned, COMPARE_DESIGN);
    expect(s.redesign).toMatch(
      /^The design was changed after the study started \(--force-redesign, once, last at 2026-12-02T09:00:00\.000Z\)/,
    );
    expect(model(redesigned).warnings[0]).toBe(s.redesign);
    expect(sequentialLines(redesigned, COMPARE_DESIGN)[1]).toBe(`WARNING: ${s.redesign}`);
  });

  it('reproduce stop: runs reaching the claim, the design-adjusted exact interval, naive share labelled', () => {
    const s = sequentialSentences(reproduceStop, REPRODUCE_DESIGN);
    expect(s.decision.plain).toBe(
      'Stopped after 4 runs: arm phase43 reaches the claimed 62.0% (baseline claim43) often enough to count as reproducible, decided at the second of ten looks.',
    );
    expect(s.decision.numbers).toBe(
      '3 of 4 runs of arm phase43 reached 62.0%; 3 or more stop as reproducible at look 2 of 10.',
    );
    expect(s.inference).toEqual([
      'Share of runs of arm phase43 reaching 62.0%, accounting for the looks: 95% exact interval [24.9%, 99.4%] (adjusted for the design).',
      'Naive, for reference only (ignores the stopping rule): 75.0% (3 of 4).',
    ]);
    // Fixed design 20 runs, 4 used over 8 h: 16 runs × 2 h = 32 h.
    expect(s.savings).toMatch(/: 16 runs and about 1d08h saved \(an estimate: the 4 runs used took 8h00m/);
  });

  it('a look still going on, a look that could not be judged, two-sided futility, no look yet', () => {
    const going = { ...reproduceStop, looks: reproduceStop.looks.slice(0, 1) };
    const g = sequentialSentences(going, REPRODUCE_DESIGN);
    expect(g.decision.plain).toBe(
      'After 2 runs, at the first of ten looks, the study goes on: it is not yet clear whether arm phase43 reaches the claimed 62.0% (baseline claim43) often enough.',
    );
    expect(g.decision.numbers).toBe(
      '1 of 2 runs of arm phase43 reached 62.0%; it would stop at 2 or more (reproducible) at look 1 of 10.',
    );
    expect([g.inference, g.savings]).toEqual([[], null]);

    const insufficient = structuredClone(failedSeed);
    const look2 = insufficient.looks[1]!;
    look2.decision = 'insufficient';
    look2.insufficientReason = 'arm base has no spread between seeds';
    delete look2.statistic;
    const i = sequentialSentences(insufficient, COMPARE_DESIGN);
    expect(i.decision.plain).toBe(
      'The second look (10 seeds of arm variant and 9 of arm base) could not be judged, so the study cannot stop there.',
    );
    expect(i.decision.numbers).toBe('Why: arm base has no spread between seeds.');
    expect(i.notes.at(-1)).toBe('Look 2 could not be judged: arm base has no spread between seeds.');

    const twoSided = structuredClone(futilityStop);
    for (const l of twoSided.looks) if (l.statistic?.question === 'compare') l.statistic.futilitySides = 2;
    const t = sequentialSentences(twoSided, COMPARE_DESIGN);
    expect(t.decision.plain).toMatch(/: arms variant and base score too alike for more seeds to be worth training/);
    expect(t.decision.numbers).toBe('|z| = 0.120 < 0.325, the futility bound, at look 2 of 4 (Welch p = 0.9045).');

    const none = sequentialSentences({ ...efficacyStop, looks: [] }, COMPARE_DESIGN);
    expect(none.decision.plain).toBe('The sequential design is locked, and no look has been taken yet.');
    expect(sequentialLooksChart.build(model({ ...efficacyStop, looks: [] }))).toBeNull();
  });

  it('without the study file, says "the second look" and leaves the level out', () => {
    const s = sequentialSentences(efficacyStop);
    expect(s.decision.plain).toMatch(/at the second look\.$/);
    expect(s.decision.numbers).toMatch(/at look 2 \(/);
    expect(s.inference[0]).toMatch(/, interval \[\+3\.1, \+20\.5\]; repeated confidence interval/);
  });

  it('docs/sequential.md shows what this record prints', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/sequential.md', import.meta.url)), 'utf8');
    const block = /```\n(Stopped after 10 seeds per arm[\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBe(sequentialLines(efficacyStop, COMPARE_DESIGN).join('\n'));
  });

  it('the CLI lines are the report sentences, word for word', () => {
    const s = sequentialSentences(efficacyStop, COMPARE_DESIGN);
    const md = sequentialMarkdown(model(efficacyStop));
    const lines = sequentialLines(efficacyStop, COMPARE_DESIGN);
    expect(lines).toEqual([`${s.decision.plain} ${s.decision.numbers}`, ...s.inference, s.savings]);
    expect(md).toContain(`- **${escapeMarkdownInline(s.decision.plain)}** ${escapeMarkdownInline(s.decision.numbers)}`);
    // `seedstudy report` prints the model's sentences through the same function.
    expect(sentencesAsLines(model(efficacyStop).sequential!.sentences)).toEqual(lines);
  });
});

describe('sequential section of the report', () => {
  it('is absent for a fixed study: no model, no section, no chart', () => {
    const m = buildReportModel(base);
    expect(m.sequential).toBeNull();
    expect(sequentialLooksChart.build(m)).toBeNull();
    expect(markdownOf(m)).not.toContain('Sequential design');
    expect(renderHtml(m, [])).not.toContain('id="sequential"');
  });

  it('Markdown: decision, inference, savings, chart and the table of looks', () => {
    const md = sequentialMarkdown(model(efficacyStop));
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Sequential design');
    expect(lines[2]).toMatch(
      /^- \*\*Stopped after 10 seeds per arm: arm variant scores higher than arm base, .*\*\* Welch p = 0\.0021 ≤ 0\.0030 at look 2 of 4/,
    );
    expect(lines[3]).toMatch(/^- Accounting for the looks: adjusted p = 0\.0043/);
    expect(lines[4]).toMatch(/^- Naive, for reference only/);
    expect(lines[5]).toMatch(/^- Against a fixed design of the same power/);
    expect(md).toContain(
      '![Sequential design: the statistic at each look against its boundaries](charts/sequential-looks.png)',
    );
    expect(md).toContain(
      '| Look | Seeds per arm | z | p | Efficacy: stop if \\|z\\| ≥ | or p ≤ | Futility: stop if z &lt; | α spent | Failed | Decision |',
    );
    expect(md).toContain('| 1 of 4 | 5 | 1.900 | 0.0574 | 4.333 | 1.5e-5 | -1.403 | 1.5e-5 | 0 | continue |');
    expect(md).toContain(
      '| 2 of 4 | 10 | 3.070 | 0.0021 | 2.963 | 0.0030 | 0.325 | 0.0031 | 0 | stop: difference shown |',
    );
    // The fixed-design tables are marked naive.
    expect(markdownOf(model(efficacyStop))).toMatch(/arm-vs-arm p-values, intervals and verdicts below .* are naive/);
  });

  it('Markdown: a failed seed shows as a note and in the table; reproduce has its own table', () => {
    const failed = sequentialMarkdown(model(failedSeed));
    expect(failed).toContain('- _Look 2: seed 14 of arm base failed;');
    expect(failed).toContain(
      '| 2 of 4 | 10 / 9 | 2.100 | 0.0357 | 2.981 (recomputed) | 0.0029 | 0.325 | 0.0031 | 1 | continue |',
    );
    const rep = sequentialMarkdown(model(reproduceStop, REPRODUCE_DESIGN));
    expect(rep).toContain(
      '| Look | Runs | Reached the claim | Not reproducible if ≤ | Reproducible if ≥ | Failed | Decision |',
    );
    expect(rep).toContain('| 1 of 10 | 2 | 1 | none | 2 | 0 | continue |');
    expect(rep).toContain('| 2 of 10 | 4 | 3 | none | 3 | 0 | stop: reproducible |');
    const red = sequentialMarkdown(model(redesigned));
    expect(red.split('\n')[2]).toMatch(/^> \*\*Redesigned:\*\* The design was changed/);
  });

  it('HTML: the section, its chart figure and the table, every arm name escaped', async () => {
    const m = model(hostileArms);
    const spec = sequentialLooksChart.build(m)!;
    const chart = {
      id: sequentialLooksChart.id,
      title: sequentialLooksChart.title,
      caption: chartCaption(sequentialLooksChart, m),
      spec,
      svg: await renderSvg(spec),
    };
    const html = renderHtml(m, [chart]);
    const section = html.slice(html.indexOf('<section id="sequential">'), html.indexOf('<section id="statistics">'));
    expect(section).toContain('<h2>Sequential design</h2>');
    expect(section).toContain('id="chart-sequential-looks"');
    expect(section).toContain('<h2 id="sequential-looks">Looks</h2>');
    expect(section).toContain('arm &lt;script&gt;alert(1)&lt;/script&gt; scores higher than arm b*|x');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<a href="#sequential">Sequential design</a>');
    const md = sequentialMarkdown(m);
    expect(md).toContain('arm &lt;script&gt;alert(1)&lt;/script&gt; scores higher than arm b\\*\\|x');
    expect(md).not.toContain('<script>');
    // The chart sits in the section, not twice in the gallery.
    expect(html.split('id="chart-sequential-looks"')).toHaveLength(2);
  });
});

describe('sequential chart', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false, logger: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

  for (const [name, record, design] of FIXTURES) {
    it(`${name}: validates against the vega-lite schema and renders without warnings`, async () => {
      const spec = sequentialLooksChart.build(model(record, design))!;
      const ok = validate(spec);
      expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
      const warnings: string[] = [];
      expect(await renderSvg(spec, warnings)).toContain('role-mark');
      expect(warnings).toEqual([]);
    });
  }

  it('draws the z of each look against ±c and the futility bound (compare), the counts against the bounds (reproduce)', () => {
    const values = (m: ReportModel) =>
      (sequentialLooksChart.build(m) as unknown as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer
        .at(-1)!
        .data.values.map((v) => [v.label, v.part, v.value]);
    expect(values(model(efficacyStop))).toEqual([
      ['look 1 · 5/arm', 'statistic', 1.9],
      ['look 1 · 5/arm', 'upper', 4.333],
      ['look 1 · 5/arm', 'lower', -4.333],
      ['look 1 · 5/arm', 'futility', -1.403],
      ['look 2 · 10/arm', 'statistic', 3.07],
      ['look 2 · 10/arm', 'upper', 2.963],
      ['look 2 · 10/arm', 'lower', -2.963],
      ['look 2 · 10/arm', 'futility', 0.325],
    ]);
    expect(values(model(reproduceStop, REPRODUCE_DESIGN))).toEqual([
      ['look 1 · 2 runs', 'statistic', 1],
      ['look 1 · 2 runs', 'upper', 2],
      ['look 2 · 4 runs', 'statistic', 3],
      ['look 2 · 4 runs', 'upper', 3],
    ]);
  });
});

describe('loading sequential.json', () => {
  async function withRecord(content: string | null, run: (dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'seq-report-'));
    try {
      if (content !== null) await writeFile(join(dir, 'sequential.json'), content);
      await run(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const load = (dir: string) =>
    loadReportInput({
      outputDir: dir,
      study: base.study,
      observations: [...base.observations],
      analysis: null,
      sequentialDesign: COMPARE_DESIGN,
      generatedAt: base.generatedAt,
      seedstudyVersion: base.seedstudyVersion,
    });

  it('reads and validates it into the input, with the design facts', async () => {
    await withRecord(JSON.stringify(efficacyStop), async (dir) => {
      const input = await load(dir);
      expect(input.sequential?.record).toEqual(efficacyStop);
      expect(input.sequential?.design).toEqual(COMPARE_DESIGN);
    });
  });

  it('absent: no sequential input', async () => {
    await withRecord(null, async (dir) => expect((await load(dir)).sequential).toBeNull());
  });

  it('refuses a record that does not match its schema, naming every problem', async () => {
    const bad = structuredClone(efficacyStop) as unknown as {
      looks: Record<string, unknown>[];
      fixedDesignSeeds: unknown;
    };
    bad.looks[0]!.decision = 'stop-maybe';
    bad.fixedDesignSeeds = 'many';
    await withRecord(JSON.stringify(bad), async (dir) => {
      const error = await load(dir).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'UserError', file: join(dir, 'sequential.json') });
      expect((error as Error).message).toMatch(/looks\.0\.decision/);
      expect((error as Error).message).toMatch(/fixedDesignSeeds/);
    });
    await withRecord('{not json', async (dir) => {
      await expect(load(dir)).rejects.toThrow(/sequential\.json is not valid JSON/);
    });
  });
});
