import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_IDS } from '../../src/sim/region-catalog.js';
import { EXPECTATION_TYPES, METRICS, TIMELINE_EVENT_TYPES } from '../../src/sim/scenario-types.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../scenarios/scenario.schema.json'), 'utf8'));
const consts = (list: { properties: { type: { const: string } } }[]): string[] => list.map((s) => s.properties.type.const);

describe('scenario.schema.json', () => {
  it('names the same regions, event types, expectation types and metrics as the validator', () => {
    expect(schema.$defs.regionId.enum).toEqual([...CATALOG_IDS]);
    expect(consts(schema.$defs.timelineEvent.oneOf)).toEqual([...TIMELINE_EVENT_TYPES]);
    expect(consts(schema.$defs.expectation.oneOf)).toEqual([...EXPECTATION_TYPES]);
    const metric = schema.$defs.expectation.oneOf.find((x: { properties: { type: { const: string } } }) => x.properties.type.const === 'metric');
    expect(metric.properties.metric.enum).toEqual([...METRICS]);
  });
});
