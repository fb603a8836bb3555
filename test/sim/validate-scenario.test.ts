import { describe, it, expect } from 'vitest';
import { CATALOG_IDS } from '../../src/sim/region-catalog.js';
import { scenarioProblems, validateScenario, ScenarioError, MAX_LISTED_PROBLEMS } from '../../src/sim/validate-scenario.js';
import { NUMBER_RULES, SIZE_LIMITS, type NumberRule } from '../../src/sim/scenario-limits.js';
import { personaId } from '../../src/runtime/ids.js';
import { parseScenario } from '../../src/sim/load-scenario.js';

const base = () => ({
  name: 'tiny',
  durationMs: 10_000,
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general'] }],
  personas: [{ id: 'alice' }],
  timeline: [] as unknown[],
  expect: [] as unknown[],
});

const paths = (value: unknown): string[] => scenarioProblems(value).map((p) => p.path);

describe('scenario validation', () => {
  it('accepts a well-formed scenario', () => {
    expect(scenarioProblems(base())).toEqual([]);
    expect(validateScenario(base()).name).toBe('tiny');
  });

  it('rejects a value that is not an object', () => {
    expect(paths([])).toEqual(['$']);
    expect(paths('x')).toEqual(['$']);
  });

  it('reports missing and malformed top-level fields with their paths', () => {
    expect(paths({ name: 'has space', regions: 'heartbeat', extra: 1 })).toEqual(['$.extra', '$.name', '$.durationMs', '$.regions']);
  });

  it('reports an unknown region and a duplicated one', () => {
    const s = { ...base(), regions: [{ id: 'heartbeat' }, { id: 'nope' }, { id: 'heartbeat' }] };
    const problems = scenarioProblems(s);
    expect(problems.map((p) => p.path)).toEqual(['$.regions[1].id', '$.regions[2].id']);
    expect(problems[0]!.message).toMatch(/unknown region "nope".*"heartbeat"/);
  });

  it('reports region overrides that do not fit', () => {
    const s = { ...base(), regions: [{ id: 'heartbeat', channels: ['a'], bufferMax: 0 }, { id: 'echo-prefetch', channels: [] }] };
    expect(paths(s)).toEqual(['$.regions[0].channels', '$.regions[0].bufferMax', '$.regions[1].channels']);
  });

  it('reports a bad governor config', () => {
    expect(paths({ ...base(), governor: { learningRate: 7 } })).toEqual(['$.governor.learningRate']);
    expect(paths({ ...base(), governor: { typo: 1 } })).toEqual(['$.governor.typo']);
    expect(paths({ ...base(), governor: { restart: { maxRestart: 3 } } })).toEqual(['$.governor.restart.maxRestart']);
    expect(paths({ ...base(), governor: { basePassMs: { activ: 3 } } })).toEqual(['$.governor.basePassMs.activ']);
    expect(paths({ ...base(), governor: { restart: { minBackoffMs: -1 } } })).toEqual(['$.governor.restart.minBackoffMs']);
    expect(paths({ ...base(), governor: { telemetryHistory: 1e9 } })).toEqual(['$.governor.telemetryHistory']);
  });

  it('reports a bad pressure level with the signal field path', () => {
    const s = { ...base(), timeline: [{ at: 5, type: 'pressure', signal: { kind: 'system-mem-high', usedPct: 140 } }, { at: 5, type: 'pressure', signal: { kind: 'weather' } }] };
    expect(paths(s)).toEqual(['$.timeline[0].signal.usedPct', '$.timeline[1].signal.kind']);
  });

  it('reports times past the duration and events out of range', () => {
    const s = {
      ...base(),
      personas: [{ id: 'alice', createdAt: 20_000 }],
      timeline: [
        { at: 10_001, type: 'sleep', phase: 'idle' },
        { at: 0, type: 'sleep', phase: 'nap' },
        { at: 0, type: 'explode' },
        { at: -1, type: 'fault', region: 'heartbeat', ticks: 0 },
      ],
      expect: [{ at: 99_999, type: 'level', equals: 'nominal' }],
    };
    expect(paths(s)).toEqual([
      '$.personas[0].createdAt',
      '$.timeline[0].at',
      '$.timeline[1].phase',
      '$.timeline[2].type',
      '$.timeline[3].at',
      '$.timeline[3].ticks',
      '$.expect[0].at',
    ]);
  });

  it('reports load and fault references to unknown regions, personas and keys', () => {
    const s = {
      ...base(),
      timeline: [
        { at: 0, type: 'load', region: 'echo-prefetch', key: 'general', readsPerSecond: 1 },
        { at: 0, type: 'load', region: 'echo-prefetch', persona: 'zed', key: 'nope', readsPerSecond: -1 },
        { at: 0, type: 'load', region: 'heartbeat', persona: 'alice', key: 'beat', readsPerSecond: 1 },
        { at: 0, type: 'fault', region: 'slow-consolidator', ticks: 1 },
      ],
    };
    expect(paths(s)).toEqual([
      '$.timeline[0].persona',
      '$.timeline[1].persona',
      '$.timeline[1].key',
      '$.timeline[1].readsPerSecond',
      '$.timeline[2].persona',
      '$.timeline[3].region',
    ]);
  });

  it('reports unknown commands and bad command params', () => {
    const s = {
      ...base(),
      timeline: [
        { at: 0, type: 'command', command: 'substrate/status' },
        { at: 0, type: 'command', command: 'rm -rf' },
        { at: 0, type: 'command', command: 'substrate/pressure', params: { signal: { kind: 'vram-high', usedPct: 101 } } },
        { at: 0, type: 'command', command: 'substrate/peek', params: { region: 'echo-prefetch' } },
        { at: 0, type: 'command', command: 'substrate/sleep', params: [] },
      ],
    };
    expect(paths(s)).toEqual([
      '$.timeline[1].command',
      '$.timeline[2].params.signal.usedPct',
      '$.timeline[3].params.persona',
      '$.timeline[3].params.key',
      '$.timeline[4].params',
      '$.timeline[4].params.phase',
    ]);
  });

  it('reports an impossible persona lifecycle', () => {
    const s = { ...base(), timeline: [{ at: 1, type: 'persona-create', persona: 'alice' }, { at: 2, type: 'persona-destroy', persona: 'bob' }] };
    const problems = scenarioProblems(s);
    expect(problems.map((p) => p.path)).toEqual(['$.timeline[0]', '$.timeline[1]']);
    expect(problems[0]!.message).toMatch(/already exists/);
  });

  it('reports malformed expectations', () => {
    const s = {
      ...base(),
      expect: [
        { type: 'level', equals: 'scorching' },
        { type: 'metric', region: 'heartbeat', metric: 'ticks' },
        { type: 'metric', region: 'heartbeat', metric: 'vibes', min: 3, max: 1 },
        { type: 'state', region: 'echo-prefetch', equals: 'running' },
        { type: 'guess' },
      ],
    };
    expect(paths(s)).toEqual(['$.expect[0].equals', '$.expect[1]', '$.expect[2].metric', '$.expect[2].min', '$.expect[3].persona', '$.expect[4].type']);
  });

  it('reports every problem at once, and validateScenario throws them all', () => {
    const s = { name: '', durationMs: 0, regions: [{ id: 'x' }], timeline: [{ at: 1, type: 'sleep', phase: 'x' }] };
    const problems = scenarioProblems(s);
    expect(problems.length).toBe(4);
    try {
      validateScenario(s, 'bad.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).kind).toBe('invalid-scenario');
      expect((error as ScenarioError).problems).toEqual(problems);
      expect((error as ScenarioError).message).toContain('bad.json: 4 problems');
    }
  });

  it('turns malformed JSON into one problem at $', () => {
    try {
      parseScenario('{"name": ', 'x.json');
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).kind).toBe('malformed-json');
      expect((error as ScenarioError).problems[0]!.path).toBe('$');
    }
  });
});

describe('strict input: bounds, lengths, nesting and unknown nested fields', () => {
  const nest = (depth: number): unknown => {
    let v: unknown = 'hot';
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };

  it('reports ids over their length limit (the limit of src/runtime/ids.ts) at their paths', () => {
    expect(() => personaId('a'.repeat(SIZE_LIMITS.idLength))).not.toThrow();
    expect(() => personaId('a'.repeat(SIZE_LIMITS.idLength + 1))).toThrow(/limit is 128/);
    const long = 'p'.repeat(SIZE_LIMITS.idLength + 1);
    const s = {
      ...base(),
      name: 'n'.repeat(SIZE_LIMITS.idLength + 1),
      regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general', 'c'.repeat(SIZE_LIMITS.idLength + 1)] }],
      personas: [{ id: 'alice' }, { id: long }],
      timeline: [{ at: 1, type: 'persona-create', persona: long }],
    };
    expect(paths(s)).toEqual(['$.name', '$.regions[1].channels[1]', '$.personas[1].id', '$.timeline[0].persona']);
    expect(scenarioProblems(s)[0]!.message).toBe('is 129 characters; the limit is 128');
    expect(scenarioProblems({ ...base(), personas: [{ id: 'a'.repeat(SIZE_LIMITS.idLength) }] })).toEqual([]);
  });

  it('reports wrong types inside region overrides', () => {
    const s = {
      ...base(),
      regions: [
        { id: 'heartbeat', channels: 5, bufferMax: '5', tickBudgetMs: true },
        { id: 'echo-prefetch', channels: ['a b', 7, ''], bufferTtlMs: [] },
        { id: 'slow-consolidator', workMs: '250' },
      ],
    };
    expect(paths(s)).toEqual([
      '$.regions[0].channels', '$.regions[0].bufferMax', '$.regions[0].tickBudgetMs',
      '$.regions[1].channels[0]', '$.regions[1].channels[1]', '$.regions[1].channels[2]', '$.regions[1].bufferTtlMs',
      '$.regions[2].workMs',
    ]);
  });

  it('bounds every number: huge and tiny values are reported with the rule', () => {
    const s = {
      ...base(),
      regions: [{ id: 'heartbeat', bufferTtlMs: 1e300, tickBudgetMs: 1e12 }, { id: 'echo-prefetch', bufferMax: 1e9 }],
      governor: { telemetryHistory: 1e9, cohortSize: 1e6, basePassMs: { active: 1e-300 }, pressureMultipliers: { high: 1e9 }, restart: { maxRestarts: 1e9 }, minTimeInStepMs: 1e300 },
      timeline: [
        { at: 0, type: 'pressure', signal: { kind: 'inference-queue-depth', depth: 1e300 } },
        { at: 0, type: 'fault', region: 'heartbeat', ticks: 1e12 },
      ],
      expect: [{ type: 'metric', region: 'heartbeat', metric: 'ticks', min: 1e300 }],
      trace: { readWindowMs: 1 },
      durationMs: 2_000_000,
    };
    expect(paths(s)).toEqual([
      '$.regions[0].bufferTtlMs', '$.regions[0].tickBudgetMs', '$.regions[1].bufferMax',
      '$.governor.basePassMs.active', '$.governor.pressureMultipliers.high', '$.governor.restart.maxRestarts',
      '$.governor.minTimeInStepMs', '$.governor.cohortSize', '$.governor.telemetryHistory',
      '$.timeline[0].signal.depth', '$.timeline[1].ticks', '$.expect[0].min', '$.trace.readWindowMs',
    ]);
    const telemetry = scenarioProblems(s).find((p) => p.path === '$.governor.telemetryHistory')!;
    expect(telemetry.message).toBe('must be an integer from 1 to 100000, got 1000000000');
  });

  it('reports unknown nested fields at their exact JSON path', () => {
    const s = {
      ...base(),
      governor: { restart: { maxRestart: 3 }, basePassMs: { activ: 50 }, cascadeThresholds: { vramUsedPct: 90 } },
      timeline: [
        { at: 0, type: 'pressure', signal: { kind: 'thermal', severity: 'hot', extra: 1 } },
        { at: 0, type: 'command', command: 'substrate/sleep', params: { phase: 'idle', when: 'now' } },
        { at: 0, type: 'command', command: 'substrate/pressure', params: { signal: { kind: 'vram-high', usedPct: 90, 'odd key': 1 } } },
      ],
    };
    expect(paths(s)).toEqual([
      '$.governor.basePassMs.activ', '$.governor.cascadeThresholds.vramUsedPct', '$.governor.restart.maxRestart',
      '$.timeline[0].signal.extra', '$.timeline[1].params.when', '$.timeline[2].params.signal["odd key"]',
    ]);
    expect(scenarioProblems(s)[2]!.message).toMatch(/unknown field; expected one of "minBackoffMs", .*"maxRestarts"/);
  });

  it('bounds nesting depth in signals and command params, reporting where it goes too deep', () => {
    const s = {
      ...base(),
      timeline: [
        { at: 0, type: 'pressure', signal: { kind: 'thermal', severity: nest(100_000) } },
        { at: 0, type: 'command', command: 'substrate/status', params: { x: nest(50) } },
      ],
    };
    const problems = scenarioProblems(s);
    const deep = problems.filter((p) => p.message.includes('levels deep'));
    expect(deep.map((p) => p.path)).toEqual([
      `$.timeline[0].signal.severity${'[0]'.repeat(SIZE_LIMITS.depth - 3)}`,
      `$.timeline[1].params.x${'[0]'.repeat(SIZE_LIMITS.depth - 3)}`,
    ]);
    expect(problems.map((p) => p.path)).toContain('$.timeline[0].signal.severity');
    expect(problems.map((p) => p.path)).toContain('$.timeline[1].params.x');
  });

  it('limits how many problems the message lists, then gives the count of the rest', () => {
    const s = { ...base(), timeline: Array.from({ length: 120 }, () => ({ at: 0, type: 'sleep', phase: 'nap' })) };
    try {
      validateScenario(s, 'many.json');
      expect.unreachable();
    } catch (error) {
      const e = error as ScenarioError;
      expect(e.problems).toHaveLength(120);
      const lines = e.message.split('\n');
      expect(lines[0]).toBe('many.json: 120 problems; fix them and run again:');
      expect(lines.filter((l) => l.startsWith('  $.'))).toHaveLength(MAX_LISTED_PROBLEMS);
      expect(lines.at(-1)).toBe(`  … and ${120 - MAX_LISTED_PROBLEMS} more problems (fix these first)`);
    }
  });

  it('limits list lengths and counts distinct personas', () => {
    const tooMany = Array.from({ length: SIZE_LIMITS.personas + 1 }, (_, i) => ({ at: 0, type: 'persona-create', persona: `p${i}` }));
    expect(paths({ ...base(), timeline: tooMany })).toEqual(['$.timeline']);
    expect(paths({ ...base(), regions: Array.from({ length: CATALOG_IDS.length + 1 }, () => ({ id: 'heartbeat' })) })).toEqual(['$.regions']);
  });

  it('every number rule has an upper bound', () => {
    const rules: NumberRule[] = [];
    const walk = (o: object): void => {
      for (const v of Object.values(o)) if ('type' in v && 'maximum' in v) rules.push(v as NumberRule); else walk(v as object);
    };
    walk(NUMBER_RULES);
    expect(rules.length).toBeGreaterThan(30);
    for (const r of rules) expect(Number.isFinite(r.maximum)).toBe(true);
  });
});
