// The runner drives a conversation load on the run's clock against a (fake) handler path: handled records in the
// trace per window, the summary's conversation and governor sections, the baseline run, the cognition expectations.
import { describe, expect, it } from 'vitest';
import { scenarioProblems } from '../../../src/sim/validate-scenario.js';
import { runScenario } from '../../../src/sim/run-scenario.js';
import { toJsonLines } from '../../../src/sim/trace.js';
import type { Scenario } from '../../../src/sim/scenario-types.js';
import { echoTarget } from './fake-target.js';

// Validation wants the cognition regions for a conversation load; these runs use the fake target on echo-prefetch
// instead, so the scenario is built as a value (the validator's own tests cover the rule).
const scenario = (over: Record<string, unknown> = {}): Scenario => ({
  name: 'chat', seed: 3, durationMs: 600_000,
  regions: [{ id: 'echo-prefetch', channels: ['general', 'code'], bufferTtlMs: 3000 }],
  personas: [{ id: 'alice' }, { id: 'bob' }, { id: 'carol', createdAt: 300_000 }],
  timeline: [
    { at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 12, channels: [
      { id: 'general', members: ['alice', 'bob', 'carol'], topics: ['food', 'travel'] },
      { id: 'code', members: ['alice'], topics: ['ci'] },
    ] },
    { at: 200_000, type: 'sleep', phase: 'sleep' },
    { at: 400_000, type: 'sleep', phase: 'active' },
  ],
  expect: [
    { type: 'conversation', metric: 'hit-rate', fromMs: 400_000, min: 0.5, description: 'awake again, the echoes hit' },
    { at: 390_000, type: 'conversation', metric: 'hit-rate', fromMs: 210_000, max: 0.3, description: 'asleep, echo-prefetch pauses and its entries expire' },
    { at: 390_000, type: 'predictor', fromMs: 210_000, equals: 'failing' },
    { type: 'predictor', equals: 'on-target', persona: 'alice', fromMs: 400_000 },
    { type: 'phase-reached', equals: 'sleep' },
    { type: 'phase-reached', equals: 'sleep', fromMs: 400_000, description: 'not again after waking' },
    { type: 'conversation', metric: 'handled', persona: 'carol', max: 1_000_000, min: 1 },
    { type: 'conversation', metric: 'errors', max: 0 },
  ],
  ...over,
}) as Scenario;

describe('conversation load in a run', () => {
  it('the scenario is valid but for the cognition regions it leaves out', () => {
    expect(scenarioProblems(scenario()).map((p) => p.path)).toEqual(['$.timeline[0].kind']);
    expect(scenarioProblems(scenario({ baseline: 'predictor-off' })).map((p) => p.path)).toEqual(['$.timeline[0].kind']);
  });

  it('handles every message for its member personas, writes handled windows, and checks the cognition expectations', async () => {
    const reactions: string[] = [];
    const { summary, trace } = await runScenario(scenario(), { conversationTarget: (s, v) => echoTarget(s, v, reactions) });
    const c = summary.conversation!;
    expect(c.content.messages).toBeGreaterThan(150);
    expect(c.handled + c.errors + c.content.skipped).toBe(c.content.deliveries);
    expect(c.content.skipped).toBeGreaterThan(0); // carol's messages before she exists
    expect(c.errors).toBe(0);
    expect(reactions.length).toBeGreaterThan(0);
    const handled = trace.filter((r) => r.type === 'handled');
    expect(handled.reduce((n, r) => n + (r.type === 'handled' ? r.handled : 0), 0)).toBe(c.handled);
    expect(handled.every((r) => r.type === 'handled' && r.t - r.from <= 10_000)).toBe(true);
    const byPersona = Object.fromEntries(c.personas.map((p) => [p.persona, p.handled]));
    expect(Object.keys(byPersona).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(c.series.personas.alice!.length).toBeGreaterThan(10);
    expect(c.series.buffers.prefetch.reduce((n, [, , reads]) => n + reads, 0)).toBe(c.buffers.prefetch.reads);
    expect(summary.governor!.phaseChanges.map((p) => p.phase)).toEqual(['sleep', 'active']);
    expect(summary.expectations.filter((e) => !e.passed).map((e) => e.description)).toEqual(['not again after waking']);
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const run = async (seed: number): Promise<string> => toJsonLines((await runScenario(scenario(), { seed, conversationTarget: (s, v) => echoTarget(s, v) })).trace);
    const a = await run(5);
    expect(await run(5)).toBe(a);
    expect(await run(6)).not.toBe(a);
  });

  it('a predictor-off baseline runs first on the same conversation and is compared in the summary and expectations', async () => {
    const s = scenario({
      baseline: 'predictor-off',
      expect: [
        { type: 'conversation', metric: 'hit-rate', run: 'baseline', max: 0 },
        { type: 'conversation', metric: 'hit-rate', run: 'gain', fromMs: 400_000, min: 0.5 },
        { type: 'conversation', metric: 'handled', run: 'gain', min: 0, max: 0, description: 'the same messages were handled' },
      ],
    });
    const { summary } = await runScenario(s, { conversationTarget: (sub, v) => echoTarget(sub, v) });
    const c = summary.conversation!;
    expect(c.baseline!.kind).toBe('predictor-off');
    expect(c.baseline!.content).toEqual(c.content);
    expect(c.baseline!.buffers.prefetch.hitRate).toBe(0);
    expect(c.baseline!.predictor.verdict).toBe('failing');
    expect(summary.expectations.map((e) => [e.passed, e.actual])).toEqual([
      [true, 'baseline hit-rate 0'], [true, expect.stringMatching(/gain/)], [true, expect.stringMatching(/gain 0$/)],
    ]);
  });

  it('a conversation load on a substrate without a handler path fails the run with a message saying why', async () => {
    await expect(runScenario(scenario())).rejects.toThrow(/cognition handler path/);
  });
});

describe('consolidation expectation', () => {
  it('compares the phase\'s count in the window with its bounds, and says every phase\'s count', async () => {
    const { checkCognitionExpectation, startSnapshot } = await import('../../../src/sim/conversation/cognition-expectations.js');
    const now = startSnapshot();
    now.consolidation.sleep.pruned = 7;
    now.consolidation.active.pruned = 2;
    const from = startSnapshot();
    from.consolidation.sleep.pruned = 4;
    const input = { now, snapshots: new Map([[1000, from]]), statuses: () => [] };
    const inSleep = checkCognitionExpectation({ type: 'consolidation', metric: 'pruned', phase: 'sleep', fromMs: 1000, min: 3 }, 0, 5000, 'd', input);
    expect(inSleep).toMatchObject({ passed: true, actual: 'engrams pruned in sleep: 3 (active 2, idle 0, sleep 3)' });
    expect(checkCognitionExpectation({ type: 'consolidation', metric: 'pruned', phase: 'sleep', fromMs: 1000, min: 4 }, 0, 5000, 'd', input).passed).toBe(false);
    expect(checkCognitionExpectation({ type: 'consolidation', metric: 'pruned', phase: 'active', max: 0 }, 0, 5000, 'd', input).passed).toBe(false);
    expect(checkCognitionExpectation({ type: 'consolidation', metric: 'deep-passes', phase: 'active', max: 0 }, 0, 5000, 'd', input).passed).toBe(true);
  });
});
