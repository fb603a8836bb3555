import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_IDS } from '../../src/sim/region-catalog.js';
import { EXPECTATION_TYPES, METRICS, TIMELINE_EVENT_TYPES } from '../../src/sim/scenario-types.js';
import { scenarioJsonSchemaText, withBoundsTable } from '../../src/sim/scenario-schema.js';
import { NUMBER_RULES } from '../../src/sim/scenario-limits.js';

const text = readFileSync(join(import.meta.dirname, '../../scenarios/scenario.schema.json'), 'utf8');
const schema = JSON.parse(text);
type Branch = { properties: { type: { const: string } } };
/** The `type` const of each branch (a branch may be a `oneOf` of variants of one type, as `load` is). */
const consts = (list: Array<Branch | { oneOf: Branch[] }>): string[] =>
  list.map((s) => ('oneOf' in s ? [...new Set(s.oneOf.map((v) => v.properties.type.const))].join('|') : s.properties.type.const));

/** Every subschema of `node` with a numeric `type`, with its path. */
function numbers(node: unknown, path = '$', out: Array<[string, Record<string, unknown>]> = []): Array<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) node.forEach((x, i) => numbers(x, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'number' || o.type === 'integer') out.push([path, o]);
    for (const [k, v] of Object.entries(o)) numbers(v, `${path}.${k}`, out);
  }
  return out;
}

describe('scenario.schema.json', () => {
  it('is exactly what scripts/gen-scenario-schema.ts generates from the validator tables (run it after changing them)', () => {
    expect(text).toBe(scenarioJsonSchemaText());
  });

  it('docs/scenarios.md lists the current bounds (regenerate with scripts/gen-scenario-schema.ts)', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/scenarios.md'), 'utf8');
    expect(doc).toBe(withBoundsTable(doc));
    expect(doc).toContain('| `governor.telemetryHistory` | integer | ≥ 1 | ≤ 100,000 |');
  });

  it('names the same regions, event types, expectation types and metrics as the validator', () => {
    expect(schema.$defs.regionId.enum).toEqual([...CATALOG_IDS]);
    expect(consts(schema.$defs.timelineEvent.oneOf)).toEqual([...TIMELINE_EVENT_TYPES]);
    // `load` has three variants: handler reads, an inference workload (`kind: "inference"`) and a conversation
    const load = schema.$defs.timelineEvent.oneOf.find((x: { oneOf?: Array<{ properties: Record<string, { const?: string }> }> }) => x.oneOf?.[0]?.properties.type?.const === 'load');
    expect(load.oneOf.map((v: { properties: { kind?: { const: string } } }) => v.properties.kind?.const ?? 'reads')).toEqual(['reads', 'inference', 'conversation']);
    expect(consts(schema.$defs.expectation.oneOf)).toEqual([...EXPECTATION_TYPES]);
    const metric = schema.$defs.expectation.oneOf.find((x: { properties: { type: { const: string } } }) => x.properties.type.const === 'metric');
    expect(metric.properties.metric.enum).toEqual([...METRICS]);
  });

  it('gives every number an upper and a lower bound, and the validator bounds at the same places', () => {
    const found = numbers(schema);
    expect(found.length).toBeGreaterThan(40);
    for (const [path, n] of found) {
      expect(typeof n.maximum, path).toBe('number');
      expect(typeof n.minimum === 'number' || typeof n.exclusiveMinimum === 'number', path).toBe(true);
    }
    const telemetry = schema.properties.governor.properties.telemetryHistory;
    expect(telemetry).toEqual({ ...NUMBER_RULES.governor.telemetryHistory });
    expect(schema.properties.governor.properties.restart.additionalProperties).toBe(false);
    expect(schema.properties.governor.properties.cascadeThresholds.additionalProperties).toBe(false);
  });
});
