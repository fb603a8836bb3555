// Builds scenarios/scenario.schema.json (a help for editors) from the validator's own tables: the bounds in
// scenario-limits.ts and the vocabularies, so the two cannot drift. `npx tsx scripts/gen-scenario-schema.ts` writes it.
import { CADENCE_HINTS, PRESSURE_LEVELS, SLEEP_PHASES, THERMAL_SEVERITIES } from '../runtime/signals.js';
import { PERSONA_ID_PATTERN } from '../runtime/ids.js';
import { CATALOG_IDS } from './region-catalog.js';
import { SIM_COMMAND_NAMES } from './sim-commands.js';
import { BASELINE_KINDS, EXPECTATION_TYPES, METRICS, TIMELINE_EVENT_TYPES } from './scenario-types.js';
import { NUMBER_RULES, SIZE_LIMITS, type NumberRule } from './scenario-limits.js';
import { SLOT_STATES } from './validate-expectations.js';
import { SIGNAL_FIELDS } from './validate-timeline.js';
import { MAX_REQUESTS_PER_SECOND } from './inference-load-event.js';
import { DEFAULT_TRACE_LEVEL, TRACE_LEVELS } from './trace.js';
import { cognitionExpectationSchemas, conversationLoadSchema } from './conversation/conversation-schema.js';

type Schema = Record<string, unknown>;
const n = (rule: NumberRule, extra: Schema = {}): Schema => ({ type: rule.type, ...(rule.minimum !== undefined ? { minimum: rule.minimum } : {}), ...(rule.exclusiveMinimum !== undefined ? { exclusiveMinimum: rule.exclusiveMinimum } : {}), maximum: rule.maximum, ...extra });
const obj = (properties: Schema, required: string[] = [], extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: false, ...(required.length ? { required } : {}), properties, ...extra });
const table = <K extends string>(keys: readonly K[], rule: (k: K) => Schema): Schema => obj(Object.fromEntries(keys.map((k) => [k, rule(k)])));
const id = (pattern?: RegExp): Schema => ({ type: 'string', minLength: 1, maxLength: SIZE_LIMITS.idLength, ...(pattern ? { pattern: pattern.source } : {}) });
const persona = id(PERSONA_ID_PATTERN);
const time = n(NUMBER_RULES.time, { description: 'Simulated time, ms since the start; at most durationMs.' });
const description = { type: 'string', maxLength: SIZE_LIMITS.descriptionLength };
const region = { $ref: '#/$defs/regionId' };
const G = NUMBER_RULES.governor;

function pressureSignal(): Schema {
  const byField = new Map<string, string[]>();
  for (const [kind, field] of Object.entries(SIGNAL_FIELDS)) byField.set(field, [...(byField.get(field) ?? []), kind]);
  const payload = (field: string): Schema => {
    if (field === 'severity') return { enum: [...THERMAL_SEVERITIES] };
    if (field === 'foreground') return { type: 'boolean' };
    return n(NUMBER_RULES.signal[field as keyof typeof NUMBER_RULES.signal]);
  };
  return { oneOf: [...byField].map(([field, kinds]) => obj({ kind: kinds.length === 1 ? { const: kinds[0] } : { enum: kinds }, [field]: payload(field) }, ['kind', field])) };
}

function timelineEvent(): Schema {
  const event = (type: string, properties: Schema, required: string[]): Schema => obj({ at: time, type: { const: type }, ...properties }, ['at', 'type', ...required]);
  const byType: Record<(typeof TIMELINE_EVENT_TYPES)[number], Schema> = {
    pressure: event('pressure', { signal: { $ref: '#/$defs/pressureSignal' } }, ['signal']),
    sleep: event('sleep', { phase: { enum: [...SLEEP_PHASES] } }, ['phase']),
    'persona-create': event('persona-create', { persona }, ['persona']),
    'persona-destroy': event('persona-destroy', { persona }, ['persona']),
    load: {
      oneOf: [
        event('load', {
          region, persona,
          key: { ...id(), description: 'Buffer key read: a channel of echo-prefetch, "beat" for heartbeat, "summary" for slow-consolidator.' },
          readsPerSecond: n(NUMBER_RULES.load.readsPerSecond),
          untilMs: time,
        }, ['region', 'key', 'readsPerSecond']),
        // an inference workload (src/sim/inference-load-event.ts; docs/inference.md)
        event('load', {
          kind: { const: 'inference' },
          persona,
          requestsPerSecond: { type: 'number', minimum: 0, maximum: MAX_REQUESTS_PER_SECOND },
          promptTokens: { type: 'integer', minimum: 0, maximum: 32_768 },
          outputTokens: { type: 'integer', minimum: 1, maximum: 4_096 },
          composition: { type: 'string', minLength: 1, maxLength: 256 },
          candidate: obj({ region, key: id() }, ['region', 'key']),
          untilMs: time,
        }, ['kind', 'persona', 'requestsPerSecond', 'promptTokens', 'outputTokens']),
        // personas chatting on channels (src/sim/conversation/; docs/scenarios.md)
        conversationLoadSchema(time, persona),
      ],
    },
    fault: event('fault', { region, persona, ticks: n(NUMBER_RULES.fault.ticks) }, ['region', 'ticks']),
    command: event('command', {
      command: { enum: [...SIM_COMMAND_NAMES] },
      params: {
        type: 'object',
        description: 'substrate/status: {}; substrate/peek: { region, persona?, key }; substrate/pressure: { signal }; substrate/sleep: { phase }.',
        additionalProperties: false,
        properties: { region, persona, key: id(), signal: { $ref: '#/$defs/pressureSignal' }, phase: { enum: [...SLEEP_PHASES] } },
      },
    }, ['command']),
  };
  return { oneOf: TIMELINE_EVENT_TYPES.map((t) => byType[t]) };
}

function expectation(): Schema {
  const base = { at: time, description };
  const x = (type: string, properties: Schema, required: string[], extra: Schema = {}): Schema => obj({ ...base, type: { const: type }, ...properties }, ['type', ...required], extra);
  const byType: Record<(typeof EXPECTATION_TYPES)[number], Schema> = {
    cadence: x('cadence', { region, persona, equals: { enum: [...CADENCE_HINTS] } }, ['region', 'equals']),
    state: x('state', { region, persona, equals: { enum: [...SLOT_STATES] } }, ['region', 'equals']),
    level: x('level', { equals: { enum: [...PRESSURE_LEVELS] } }, ['equals']),
    phase: x('phase', { equals: { enum: [...SLEEP_PHASES] } }, ['equals']),
    metric: x('metric', { region, persona, metric: { enum: [...METRICS] }, min: n(NUMBER_RULES.metric.bound), max: n(NUMBER_RULES.metric.bound) }, ['region', 'metric'], { anyOf: [{ required: ['min'] }, { required: ['max'] }] }),
    'no-region-failed': x('no-region-failed', { except: { type: 'array', items: region } }, []),
    ...cognitionExpectationSchemas(x, time, persona, region),
  };
  return { oneOf: EXPECTATION_TYPES.map((t) => byType[t]) };
}

/** The JSON Schema of a scenario file, built from the validator's tables. */
export function scenarioJsonSchema(): Schema {
  const R = NUMBER_RULES.region;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/continuum-substrate/scenario.schema.json',
    title: 'continuum simulate scenario',
    description: 'A scripted simulation for `continuum simulate`. See docs/scenarios.md. Generated from src/sim/scenario-limits.ts by scripts/gen-scenario-schema.ts. The CLI\'s validator is the authority: it also checks references (regions, personas, keys), times against durationMs, and nesting depth.',
    ...obj({
      $schema: { type: 'string', maxLength: SIZE_LIMITS.schemaLength },
      name: { ...id(/^[A-Za-z0-9][A-Za-z0-9_-]*$/), description: 'Names the output directory out/<name>/.' },
      description,
      seed: n(NUMBER_RULES.seed, { default: 1 }),
      durationMs: n(NUMBER_RULES.durationMs),
      regions: {
        type: 'array', minItems: 1, maxItems: CATALOG_IDS.length,
        items: obj({
          id: region,
          channels: { type: 'array', minItems: 1, maxItems: SIZE_LIMITS.channels, uniqueItems: true, items: id(/^\S+$/), description: 'echo-prefetch only. Default ["general"].' },
          bufferMax: n(R.bufferMax),
          bufferTtlMs: n(R.bufferTtlMs),
          workMs: n(R.workMs, { description: 'slow-consolidator only. Default 250.' }),
          tickBudgetMs: n(R.tickBudgetMs),
        }, ['id']),
      },
      governor: obj({
        basePassMs: table(SLEEP_PHASES, () => n(G.basePassMs)),
        pressureMultipliers: table(PRESSURE_LEVELS, () => n(G.pressureMultipliers)),
        cascadeThresholds: obj({ ...Object.fromEntries(Object.entries(G.cascadeThresholds).map(([k, r]) => [k, n(r)])), thermalAdvance: { enum: [...THERMAL_SEVERITIES] } }),
        minTimeInStepMs: n(G.minTimeInStepMs),
        restart: obj(Object.fromEntries(Object.entries(G.restart).map(([k, r]) => [k, n(r)]))),
        learningRate: n(G.learningRate),
        cohortSize: n(G.cohortSize),
        telemetryHistory: n(G.telemetryHistory),
      }),
      personas: { type: 'array', maxItems: SIZE_LIMITS.personas, items: obj({ id: persona, createdAt: time, destroyedAt: time }, ['id']) },
      timeline: { type: 'array', maxItems: SIZE_LIMITS.timeline, items: { $ref: '#/$defs/timelineEvent' } },
      expect: { type: 'array', maxItems: SIZE_LIMITS.expect, items: { $ref: '#/$defs/expectation' } },
      trace: obj({ readWindowMs: n(NUMBER_RULES.trace.readWindowMs, { default: 10000 }), level: { enum: [...TRACE_LEVELS], default: DEFAULT_TRACE_LEVEL } }),
      baseline: { enum: [...BASELINE_KINDS], description: 'Also run a baseline variant first (predictor-off: the hippocampus predictor switched off) and show it beside this run.' },
      cognition: obj(Object.fromEntries(Object.entries(NUMBER_RULES.cognition).map(([k, r]) => [k, n(r)])), [], { description: 'Options of the cognition the cognition regions share (both runs; the baseline with the predictor off). Defaults: cognition\'s.' }),
    }, ['name', 'durationMs', 'regions']),
    $defs: {
      regionId: { enum: [...CATALOG_IDS] },
      pressureSignal: pressureSignal(),
      timelineEvent: timelineEvent(),
      expectation: expectation(),
    },
  };
}

/** The schema as the file holds it. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

const PATHS: Array<[string, NumberRule]> = [
  ['seed', NUMBER_RULES.seed],
  ['durationMs', NUMBER_RULES.durationMs],
  ['any time: `at`, `createdAt`, `destroyedAt`, `untilMs` (also ≤ durationMs)', NUMBER_RULES.time],
  ...Object.entries(NUMBER_RULES.region).map(([k, r]): [string, NumberRule] => [`regions[].${k}`, r]),
  ['governor.basePassMs.{active,idle,sleep}', G.basePassMs],
  ['governor.pressureMultipliers.{nominal,moderate,high,critical}', G.pressureMultipliers],
  ...Object.entries(G.cascadeThresholds).map(([k, r]): [string, NumberRule] => [`governor.cascadeThresholds.${k}`, r]),
  ['governor.minTimeInStepMs', G.minTimeInStepMs],
  ...Object.entries(G.restart).map(([k, r]): [string, NumberRule] => [`governor.restart.${k}`, r]),
  ['governor.learningRate', G.learningRate],
  ['governor.cohortSize', G.cohortSize],
  ['governor.telemetryHistory', G.telemetryHistory],
  ...Object.entries(NUMBER_RULES.signal).map(([k, r]): [string, NumberRule] => [`pressure signal \`${k}\``, r]),
  ['load `readsPerSecond`', NUMBER_RULES.load.readsPerSecond],
  ['fault `ticks`', NUMBER_RULES.fault.ticks],
  ['metric expectation `min`, `max`', NUMBER_RULES.metric.bound],
  ['`trace.readWindowMs` (also at most 1,000,000 windows per run)', NUMBER_RULES.trace.readWindowMs],
  ...Object.entries(NUMBER_RULES.cognition).map(([k, r]): [string, NumberRule] => [`\`cognition.${k}\`${k === 'sleepAfterMs' ? ' (also > idleAfterMs)' : ''}`, r]),
];
const fmt = (v: number): string => (Math.abs(v) === Number.MAX_SAFE_INTEGER ? (v < 0 ? '−(2⁵³−1)' : '2⁵³−1') : v.toLocaleString('en-US'));

/** The bounds table of docs/scenarios.md (between `<!-- bounds:start -->` and `<!-- bounds:end -->`). */
export function scenarioBoundsTable(): string {
  const rows = PATHS.map(([path, r]) => {
    const low = r.exclusiveMinimum !== undefined ? `> ${fmt(r.exclusiveMinimum)}` : `≥ ${fmt(r.minimum!)}`;
    return `| ${path.includes('`') || path.includes(' ') ? path : `\`${path}\``} | ${r.type} | ${low} | ≤ ${fmt(r.maximum)} |`;
  });
  const L = SIZE_LIMITS;
  return [
    '| number | kind | lower bound | upper bound |',
    '|---|---|---|---|',
    ...rows,
    '',
    '| size | limit |',
    '|---|---|',
    `| the scenario file | ${fmt(L.fileBytes)} bytes (32 MiB) |`,
    `| nesting of objects and arrays | ${L.depth} levels |`,
    `| \`name\`, persona ids, channels, buffer keys | ${L.idLength} characters |`,
    `| \`description\` (scenario, expectation) | ${fmt(L.descriptionLength)} characters |`,
    `| \`regions\` | each catalogue region once (${CATALOG_IDS.length}) |`,
    `| \`channels\` of a region | ${L.channels} |`,
    `| distinct persona ids (\`personas\` and the timeline) | ${fmt(L.personas)} |`,
    `| \`timeline\` events | ${fmt(L.timeline)} |`,
    `| \`expect\` entries | ${fmt(L.expect)} |`,
  ].join('\n');
}

/** `doc` with its bounds block replaced by the current table. */
export function withBoundsTable(doc: string): string {
  const start = '<!-- bounds:start -->';
  const end = '<!-- bounds:end -->';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/scenarios.md has no ${start} … ${end} block`);
  return `${doc.slice(0, a + start.length)}\n${scenarioBoundsTable()}\n${doc.slice(b)}`;
}
