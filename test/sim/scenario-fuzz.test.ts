// Fuzzing the scenario pipeline: valid scenarios mutated at random paths (nasty values, extra keys, deep nesting,
// removed fields) either fail validation with problems or run to the end and render — never an uncaught exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioProblems, validateScenario, ScenarioError } from '../../src/sim/validate-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { renderHtmlReport } from '../../src/sim/html-report.js';
import { toJsonLines } from '../../src/sim/trace.js';

const valid = {
  name: 'fuzz',
  seed: 5,
  durationMs: 8000,
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general', 'code'], bufferTtlMs: 500 }, { id: 'slow-consolidator', workMs: 40 }],
  governor: { basePassMs: { active: 100 }, pressureMultipliers: { high: 4 }, cascadeThresholds: { vramUsedPctAdvance: 80 }, minTimeInStepMs: 1000, restart: { maxRestarts: 2, withinMs: 5000 }, learningRate: 0.2, cohortSize: 4, telemetryHistory: 64 },
  personas: [{ id: 'a' }, { id: 'b', createdAt: 1000, destroyedAt: 6000 }],
  timeline: [
    { at: 0, type: 'load', region: 'echo-prefetch', persona: 'a', key: 'general', readsPerSecond: 8, untilMs: 7000 },
    { at: 500, type: 'persona-create', persona: 'c' },
    { at: 1000, type: 'fault', region: 'echo-prefetch', ticks: 2 },
    { at: 2000, type: 'pressure', signal: { kind: 'vram-high', usedPct: 92 } },
    { at: 3000, type: 'sleep', phase: 'idle' },
    { at: 3500, type: 'command', command: 'substrate/peek', params: { region: 'echo-prefetch', persona: 'a', key: 'general' } },
    { at: 4000, type: 'command', command: 'substrate/pressure', params: { signal: { kind: 'thermal', severity: 'critical' } } },
    { at: 4500, type: 'command', command: 'substrate/sleep', params: { phase: 'active' } },
    { at: 5000, type: 'persona-destroy', persona: 'c' },
  ],
  expect: [
    { at: 2500, type: 'level', equals: 'moderate' },
    { type: 'metric', region: 'echo-prefetch', persona: 'a', metric: 'restarts', min: 0, max: 5 },
    { type: 'no-region-failed', except: ['slow-consolidator'] },
  ],
  trace: { readWindowMs: 1000 },
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const deep = (depth: number): Json => {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { x: v };
  return v;
};
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, -0, 0.5, 1e-300, 1, 7, 1e9, 2 ** 31, 2 ** 53, 1e300, -1e300, '', ' ', 'a b', 'x|y', '@', '__proto__', 'constructor', 'a'.repeat(129), 'é', [], {}, [1], { kind: 'thermal' }),
  fc.constantFrom<Json>({ $deep: 20 }, { $deep: 200 }, { $deep: 5000 }), // built when applied (fast-check prints counterexamples)
  fc.integer({ min: -10, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Every path in a JSON value (arrays by index, objects by key) down to depth 8, the root excluded. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length >= 8) return out;
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out)));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push([...prefix, k]), paths(x, [...prefix, k], out));
  return out;
}

type Mutation = { path: number; op: 'set' | 'delete' | 'extra-key' | 'wrap' | 'tweak'; value: Json; key: string; factor: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.nat(),
  op: fc.constantFrom('set', 'set', 'delete', 'extra-key', 'wrap', 'tweak', 'tweak', 'tweak'),
  value: nasty,
  key: fc.constantFrom('extra', 'maxRestart', 'activ', '__proto__', 'kind', 'at', 'a b'),
  factor: fc.constantFrom(0, 1e-6, 0.001, 0.5, 2, 10, 1000, 1e6),
});
/** A plausible change (often still valid): a number scaled, rounded or set to 0/1; a string swapped for another one of the scenario. */
const tweak = (current: Json, factor: number, strings: string[]): Json => {
  if (typeof current === 'number') return factor === 0 ? 0 : factor === 1e-6 ? 1 : factor >= 1 ? Math.round(current * factor) : current * factor;
  if (typeof current === 'string') return strings[Math.floor(factor * 7919) % strings.length]!;
  if (typeof current === 'boolean') return !current;
  return current;
};

const materialize = (v: Json): Json => (v && typeof v === 'object' && !Array.isArray(v) && typeof v.$deep === 'number' ? deep(v.$deep) : v);

function mutate(base: Json, mutations: Mutation[]): Json {
  const root = JSON.parse(JSON.stringify(base)) as Json;
  const strings = [...new Set(JSON.stringify(base).match(/"[^"]*"/g)!.map((q) => JSON.parse(q) as string))];
  for (const { value, ...m } of mutations.map((x) => ({ ...x, value: materialize(x.value) }))) {
    const all = paths(root);
    if (all.length === 0) break;
    const path = all[m.path % all.length]!;
    const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string, Json>)[k as string]!, root) as Record<string, Json> | Json[];
    const last = path.at(-1)!;
    const current = (parent as Record<string, Json>)[last as string]!;
    if (m.op === 'tweak') (parent as Record<string, Json>)[last as string] = tweak(current, m.factor, strings);
    else if (m.op === 'set') (parent as Record<string, Json>)[last as string] = value;
    else if (m.op === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last as string];
    else if (m.op === 'wrap') (parent as Record<string, Json>)[last as string] = [current];
    else if (current && typeof current === 'object' && !Array.isArray(current)) Object.defineProperty(current, m.key, { value, enumerable: true, configurable: true, writable: true });
    else (parent as Record<string, Json>)[last as string] = value;
  }
  return root;
}

describe('scenario fuzzing', () => {
  it('the base scenario is valid and runs', async () => {
    expect(scenarioProblems(valid)).toEqual([]);
    expect((await runScenario(validateScenario(valid))).summary.passed).toBe(true);
  });

  it('a mutated scenario either fails validation with problems or runs to the end, never throwing', async () => {
    let ran = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const candidate = mutate(valid as unknown as Json, mutations);
        const problems = scenarioProblems(candidate);
        if (problems.length > 0) {
          rejected++;
          for (const p of problems) expect(p.path).toMatch(/^\$/);
          expect(() => validateScenario(candidate)).toThrow(ScenarioError);
          return;
        }
        const scenario = validateScenario(candidate);
        // the runner's cost is proportional to simulated time; long valid runs are covered by the shipped scenarios
        if (scenario.durationMs > 60_000) return;
        ran++;
        const result = await runScenario(scenario);
        expect(result.trace.at(-1)!.type).toBe('end');
        expect(toJsonLines(result.trace).length).toBeGreaterThan(0);
        expect(renderHtmlReport(result)).toMatch(/<\/html>\n$/);
      }),
      { numRuns: 500, seed: 20_251_201 },
    );
    expect(rejected).toBeGreaterThan(50);
    expect(ran).toBeGreaterThan(40);
  }, 120_000);
});
