import { describe, it, expect } from 'vitest';
import { scenarioProblems, validateScenario, ScenarioError } from '../../src/sim/validate-scenario.js';
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
