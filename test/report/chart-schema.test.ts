import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { CHARTS } from '../../src/report/charts/index.js';
import { buildReportModel } from '../../src/report/build-report-model.js';
import { renderSvg } from '../../src/report/render-svg.js';
import type { ReportModel } from '../../src/report/report-model.js';
import { syntheticStudy } from '../../scripts/bench/_synthetic-study.mjs';
import { loadSmallStudy } from './small-study.js';
import { COMPARE_DESIGN, efficacyStop, REPRODUCE_DESIGN, reproduceStop } from './sequential-fixtures.js';

const schemaPath = fileURLToPath(new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

/**
 * A larger study exercising the big-study chart variants (many seeds, steps and prompts; 600 training-loss
 * reports per run, thinned), with a checkpoint-selection section made from its checkpoints (no analysis is run).
 */
function largeModel(): ReportModel {
  const s = syntheticStudy({ arms: ['a', 'b'], seeds: 30, checkpoints: 12, prompts: 80 });
  const trainLosses = ['a', 'b'].flatMap((arm) =>
    Array.from({ length: 30 }, (_, seed) =>
      Array.from({ length: 600 }, (_, i) => ({
        arm,
        seed,
        step: i + 1,
        trainLoss: 3 * Math.exp(-i / 200) + seed / 100,
      })),
    ).flat(),
  );
  const model = buildReportModel({
    study: { name: 'large', arms: ['a', 'b'], checkpointPolicy: 'final', passThreshold: 1 },
    observations: s.observations,
    valLosses: s.valLosses,
    trainLosses,
    outputs: s.outputs,
    runs: s.runs,
    band: 'se',
    generatedAt: '2026-01-01T00:00:00.000Z',
    seedstudyVersion: 'test',
    sequential: { record: reproduceStop, design: REPRODUCE_DESIGN },
  });
  const checkpointSelection = model.arms.map(({ name: arm }) => ({
    arm,
    seeds: model.seeds.map((seed) => {
      const rows = model.checkpointScores.filter((c) => c.arm === arm && c.seed === seed);
      const final = rows.at(-1)!;
      const oracle = rows.reduce((x, y) => (y.score > x.score ? y : x));
      const best = rows.reduce((x, y) => ((y.valLoss ?? Infinity) < (x.valLoss ?? Infinity) ? y : x));
      return {
        seed,
        final: { step: final.step, score: final.score },
        bestVal: { step: best.step, score: best.score, valLoss: best.valLoss ?? 0 },
        oracle: { step: oracle.step, score: oracle.score },
        regret: oracle.score - best.score,
      };
    }),
    verdicts: [],
  }));
  return { ...model, checkpointSelection };
}

/** Every chart spec validates against the vega-lite JSON Schema and compiles and renders without warnings. */
describe('chart specs', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false, logger: false });
  const validate = ajv.compile(schema);
  const models: [string, ReportModel][] = [];

  beforeAll(async () => {
    // The small study carries a compare sequential record, the large one a reproduce record (sequential-looks).
    const small = { ...(await loadSmallStudy()), sequential: { record: efficacyStop, design: COMPARE_DESIGN } };
    models.push(['small fixture', buildReportModel(small)], ['large synthetic', largeModel()]);
  });

  it('the schema check rejects a broken spec (the validator is live)', () => {
    expect(validate({ mark: 'no-such-mark', data: { values: [] } })).toBe(false);
    expect(
      validate({
        mark: 'point',
        encoding: { x: { field: 'a', type: 'quantitative', scale: { type: 'sqr' } } },
        data: { values: [] },
      }),
    ).toBe(false);
  });

  it('cover every chart for both studies', () => {
    for (const [, model] of models)
      expect(CHARTS.filter((c) => c.build(model) !== null).map((c) => c.id)).toEqual(CHARTS.map((c) => c.id));
  });

  for (const chart of CHARTS) {
    it(`${chart.id} validates against the vega-lite schema and renders without warnings`, async () => {
      for (const [name, model] of models) {
        const spec = chart.build(model)!;
        const ok = validate(spec);
        expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${name}: ${e.instancePath} ${e.message}`)).toEqual(
          [],
        );
        const warnings: string[] = [];
        const svg = await renderSvg(spec, warnings);
        expect(warnings, name).toEqual([]);
        expect(svg).toContain('role-mark');
      }
    });
  }
});
