// Validation of conversation loads, the baseline and the cognition expectation kinds: every problem at its exact
// JSON path, with a message that says what is allowed.
import { describe, expect, it } from 'vitest';
import { scenarioProblems } from '../../../src/sim/validate-scenario.js';

const conversation = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 6,
  channels: [{ id: 'general', members: ['alice', 'bob'], topics: ['food', 'ci'] }],
  ...over,
});
const base = (timeline: unknown[] = [conversation()], expect: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  name: 'chat', durationMs: 600_000,
  regions: [{ id: 'echo-prefetch', channels: ['general'] }, { id: 'attention' }],
  personas: [{ id: 'alice' }, { id: 'bob' }],
  timeline, expect, ...extra,
});
const problems = (value: unknown) => scenarioProblems(value);
const paths = (value: unknown): string[] => problems(value).map((p) => p.path);

describe('conversation load validation', () => {
  it('accepts a well-formed load with every optional field', () => {
    const full = conversation({
      bursts: { burstMs: 60_000, quietMs: 120_000, quietFactor: 0 }, topicShift: 0.1, questionRate: 0.3, codeRate: 0.2,
      deadlineRate: 0.05, reactionRate: 0.2, personaAuthorRate: 0.5, usersPerChannel: 4, untilMs: 300_000,
      channels: [{ id: 'general', members: ['alice'], topics: ['food'], messagesPerMinute: 2 }, { id: 'code', members: ['alice', 'bob'], topics: ['ci'] }],
    });
    expect(problems(base([full]))).toEqual([]);
  });

  it('reports unknown fields, missing rate and channels, at their paths', () => {
    expect(paths(base([{ at: 0, type: 'load', kind: 'conversation', rate: 3 }]))).toEqual(['$.timeline[0].rate', '$.timeline[0].channels', '$.timeline[0].messagesPerMinute']);
  });

  it('reports bad channels: unknown member, unknown topic, duplicates, an extra field, a bad id', () => {
    const l = conversation({
      channels: [
        { id: 'general', members: ['alice', 'zed'], topics: ['food', 'gardening'] },
        { id: 'general', members: ['alice'], topics: ['food'] },
        { id: 'has space', members: ['alice', 'alice'], topics: ['food', 'food'], colour: 'red' },
        { id: 'x', members: [], topics: [] },
        'nope',
      ],
    });
    const ps = problems(base([l]));
    expect(ps.map((p) => p.path)).toEqual([
      '$.timeline[0].channels[0].members[1]', '$.timeline[0].channels[0].topics[1]',
      '$.timeline[0].channels[1].id',
      '$.timeline[0].channels[2].colour', '$.timeline[0].channels[2].id', '$.timeline[0].channels[2].members', '$.timeline[0].channels[2].topics',
      '$.timeline[0].channels[3].members', '$.timeline[0].channels[3].topics',
      '$.timeline[0].channels[4]',
    ]);
    expect(ps[0]!.message).toMatch(/unknown persona "zed"; known: "alice", "bob"/);
    expect(ps[1]!.message).toMatch(/unknown topic "gardening"; the topic catalogue has .*"food"/);
    expect(ps[2]!.message).toMatch(/listed twice/);
  });

  it('lurkers: known personas, not also members', () => {
    const ok = conversation({ channels: [{ id: 'general', members: ['alice'], lurkers: ['bob'], topics: ['food'] }] });
    expect(problems(base([ok]))).toEqual([]);
    const bad = conversation({ channels: [{ id: 'general', members: ['alice', 'bob'], lurkers: ['bob', 'zed'], topics: ['food'] }] });
    expect(paths(base([bad]))).toEqual(['$.timeline[0].channels[0].lurkers[1]']);
    const both = conversation({ channels: [{ id: 'general', members: ['alice', 'bob'], lurkers: ['bob'], topics: ['food'] }] });
    const ps = problems(base([both]));
    expect(ps.map((p) => p.path)).toEqual(['$.timeline[0].channels[0].lurkers']);
    expect(ps[0]!.message).toMatch(/"bob" is also in "members"/);
  });

  it('needs a cognition region to handle it', () => {
    const ps = problems({ ...base(), regions: [{ id: 'echo-prefetch', channels: ['general'] }] });
    expect(ps.map((p) => p.path)).toEqual(['$.timeline[0].kind']);
    expect(ps[0]!.message).toMatch(/needs cognition: add the cognition regions to "regions" \("hippocampus", "motor-cortex", "attention", "sleep-policy"\)/);
  });

  it('reports numbers out of bounds: rates, chances, spells, users, untilMs', () => {
    const l = conversation({
      messagesPerMinute: -1, topicShift: 1.5, reactionRate: 'often', usersPerChannel: 0, untilMs: 0,
      bursts: { burstMs: 10, quietFactor: 2, extra: 1 },
    });
    expect(paths(base([l]))).toEqual([
      '$.timeline[0].messagesPerMinute', '$.timeline[0].bursts.extra', '$.timeline[0].bursts.burstMs', '$.timeline[0].bursts.quietMs', '$.timeline[0].bursts.quietFactor',
      '$.timeline[0].topicShift', '$.timeline[0].reactionRate', '$.timeline[0].usersPerChannel', '$.timeline[0].untilMs',
    ]);
    expect(paths(base([conversation({ untilMs: 700_000 })]))).toEqual(['$.timeline[0].untilMs']);
    expect(paths(base([conversation({ channels: 'general' })]))).toEqual(['$.timeline[0].channels']);
  });
});

describe('baseline and cognition expectations validation', () => {
  it('accepts every cognition expectation kind', () => {
    const x = [
      { type: 'conversation', metric: 'hit-rate', buffer: 'candidate', persona: 'alice', fromMs: 1000, min: 0.7 },
      { type: 'conversation', metric: 'hit-rate', run: 'gain', min: 0.2 },
      { type: 'conversation', metric: 'handled', run: 'baseline', at: 500_000, fromMs: 100_000, min: 1, max: 10 },
      { type: 'predictor', equals: 'failing', persona: 'bob', at: 20_000 },
      { type: 'phase-reached', equals: 'sleep', fromMs: 10 },
      { type: 'slowed', region: 'echo-prefetch', persona: 'alice', fromMs: 100_000, factor: 2, at: 200_000 },
    ];
    expect(problems(base(undefined, x, { baseline: 'predictor-off' }))).toEqual([]);
    expect(problems(base(undefined, [{ type: 'slowed', region: 'echo-prefetch', persona: 'bob', than: 'alice', factor: 1.3 }]))).toEqual([]);
  });

  it('slowed … than: a per-persona region, another known persona; fromMs only needed without than', () => {
    expect(paths(base(undefined, [
      { type: 'slowed', region: 'echo-prefetch', than: 'alice' },
      { type: 'slowed', region: 'echo-prefetch', persona: 'alice', than: 'zed' },
      { type: 'slowed', region: 'echo-prefetch', persona: 'alice', than: 'alice' },
      { type: 'slowed', region: 'echo-prefetch', persona: 'alice' },
    ]))).toEqual(['$.expect[0].persona', '$.expect[1].than', '$.expect[2].than', '$.expect[3].fromMs']);
  });

  it('reports bad fields of each kind at their paths', () => {
    const x = [
      { type: 'conversation', metric: 'speed', buffer: 'cache', persona: 'zed', fromMs: 700_000, run: 'other' },
      { type: 'conversation', metric: 'handled', buffer: 'prefetch', min: 2, max: 1 },
      { type: 'conversation', metric: 'hit-rate', run: 'gain', min: 0 },
      { type: 'predictor', equals: 'great', extra: 1 },
      { type: 'phase-reached', equals: 'nap', fromMs: 500_000, at: 400_000 },
      { type: 'slowed', region: 'hippocampus', factor: 0 },
    ];
    const ps = problems(base(undefined, x));
    expect(ps.map((p) => p.path)).toEqual([
      '$.expect[0].metric', '$.expect[0].buffer', '$.expect[0].persona', '$.expect[0].fromMs', '$.expect[0].run', '$.expect[0]',
      '$.expect[1].buffer', '$.expect[1].min',
      '$.expect[2].run',
      '$.expect[3].extra', '$.expect[3].equals',
      '$.expect[4].equals', '$.expect[4].fromMs',
      '$.expect[5].region', '$.expect[5].fromMs', '$.expect[5].factor',
    ]);
    expect(ps.find((p) => p.path === '$.expect[2].run')!.message).toMatch(/needs a baseline run: add "baseline": "predictor-off"/);
    expect(ps.find((p) => p.path === '$.expect[4].fromMs')!.message).toMatch(/before the time it is checked \(400000\)/);
  });

  it('conversation expectations and a baseline need a conversation load', () => {
    expect(paths(base([], [{ type: 'conversation', metric: 'handled', min: 1 }, { type: 'predictor', equals: 'on-target' }], { baseline: 'predictor-off' })))
      .toEqual(['$.baseline', '$.expect[0].type', '$.expect[1].type']);
    expect(paths(base(undefined, [], { baseline: 'predictor-on' }))).toEqual(['$.baseline']);
  });

  it('a consolidation expectation: metric, phase, bounds at their paths; it needs the hippocampus', () => {
    const withHippocampus = { regions: [{ id: 'hippocampus' }] };
    expect(paths(base(undefined, [{ type: 'consolidation', metric: 'pruned', phase: 'sleep', min: 1 }, { type: 'consolidation', metric: 'deep-passes', phase: 'active', max: 0, fromMs: 60_000 }], withHippocampus))).toEqual([]);
    const ps = scenarioProblems(base(undefined, [
      { type: 'consolidation', metric: 'prunes', phase: 'nap', min: 1 },
      { type: 'consolidation', metric: 'pruned', phase: 'sleep' },
      { type: 'consolidation', metric: 'pruned', phase: 'sleep', min: 3, max: 1, extra: 1 },
    ], withHippocampus));
    expect(ps.map((p) => p.path)).toEqual(['$.expect[0].metric', '$.expect[0].phase', '$.expect[1]', '$.expect[2].extra', '$.expect[2].min']);
    expect(ps[0]!.message).toMatch(/"shallow-passes", "deep-passes", "pruned"/);
    expect(paths(base(undefined, [{ type: 'consolidation', metric: 'pruned', phase: 'sleep', max: 0 }]))).toEqual(['$.expect[0].type']);
  });

  it('the predictor verdicts are cognition\'s; the retired "ok" is refused with what to write instead', () => {
    const ps = scenarioProblems(base(undefined, [{ type: 'predictor', equals: 'ok' }, { type: 'predictor', equals: 'below-target' }, { type: 'predictor', equals: 'good' }]));
    expect(ps.map((p) => p.path)).toEqual(['$.expect[0].equals', '$.expect[2].equals']);
    expect(ps[0]!.message).toMatch(/"on-target", "below-target", "failing", "no-reads"/);
    expect(ps[0]!.message).toMatch(/"min": 0.5/);
  });
});
