import { describe, expect, it } from 'vitest';
import { configFieldClass, runSpecFieldClasses, studyFieldClasses } from '../../src/plan/field-classes.js';
import { resolveRunConfig } from '../../src/plan/resolve-config.js';
import { trainSettingsSchema, studySchema } from '../../src/study/schema.js';
import { schemaFieldPaths } from '../../src/study/schema-paths.js';
import type { Study } from '../../src/study/study.js';

/**
 * These fail when someone adds a field to the study schema, the RunSpec or the mlx-lm config
 * without deciding whether it changes a run's outcome (src/plan/field-classes.ts).
 */
describe('identity/operational classification', () => {
  it('classifies every study schema field, and nothing else', () => {
    const paths = schemaFieldPaths(studySchema).filter((p) => !p.startsWith('arms[].train.'));
    expect([...paths].sort()).toEqual(Object.keys(studyFieldClasses).sort());
  });

  it('classifies arm overrides exactly like the study-level train settings', () => {
    const armKeys = schemaFieldPaths(studySchema)
      .filter((p) => p.startsWith('arms[].train.'))
      .map((p) => p.slice('arms[].'.length));
    for (const key of armKeys) expect(studyFieldClasses[key], key).toBe('identity');
  });

  it('classifies every key a run config can have', () => {
    const everySetting = Object.fromEntries(Object.keys(trainSettingsSchema.shape).map((k) => [k, 1]));
    const study = { model: '/m', data: '/d', train: everySetting } as unknown as Study;
    const config = resolveRunConfig(study, { name: 'a' }, 0, '/run');
    for (const key of Object.keys(config)) expect(() => configFieldClass(key), key).not.toThrow();
    expect(() => configFieldClass('brand_new_key')).toThrow(/not classified/);
  });

  it('classifies every RunSpec field (also enforced by `satisfies` and by expand-plan.test.ts on a real run)', () => {
    expect(Object.keys(runSpecFieldClasses).sort()).toEqual(['arm', 'config', 'runDir', 'runId', 'seed']);
  });
});
