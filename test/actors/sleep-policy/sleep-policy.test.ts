// Sleep-policy drives the phase from real activity: active → idle after the quiet period, idle → sleep later, and a
// message wakes the substrate; deep consolidation and pruning happen only while asleep.
import { describe, expect, it } from 'vitest';
import { brain } from '../cognition/fixtures.js';
import { ChatDriver } from '../cognition/chat-driver.js';
import { phaseForQuiet } from '../../../src/actors/sleep-policy/sleep-decision.js';
import type { SleepPhase } from '../../../src/runtime/signals.js';

describe('sleep-policy', () => {
  it('phaseForQuiet: active below idleAfterMs, idle below sleepAfterMs, then sleep', () => {
    const t = { idleAfterMs: 60_000, sleepAfterMs: 600_000 };
    expect([0, 59_999, 60_000, 599_999, 600_000, 1e9].map((q) => phaseForQuiet(q, t))).toEqual(['active', 'active', 'idle', 'idle', 'sleep', 'sleep']);
  });

  it('turns a quiet period into idle, then sleep, and a message wakes it (default thresholds)', () => {
    const { clock, substrate } = brain(['alice', 'bob']);
    const transitions: Array<{ at: number; phase: SleepPhase }> = [];
    substrate.bus.subscribe('governor:sleep:transition', (p) => transitions.push({ at: clock.now(), phase: (p as { phase: SleepPhase }).phase }));
    const driver = new ChatDriver({ personas: ['alice', 'bob'], channels: ['eng'], seed: 2, meanGapMs: 5_000 }, (p, c, t) => substrate.handle(p, c, t));
    driver.run(clock, 120_000);
    expect(transitions).toEqual([]); // chatting: stays active
    const lastMessage = driver.stats.results.at(-1)!.at;
    clock.advanceTo(lastMessage + 59_000);
    expect(substrate.policy().phase).toBe('active');
    clock.advanceTo(lastMessage + 62_000);
    expect(substrate.policy().phase).toBe('idle');
    clock.advanceTo(lastMessage + 605_000);
    expect(substrate.policy().phase).toBe('sleep');
    expect(transitions.map((t) => t.phase)).toEqual(['idle', 'sleep']);
    expect(transitions[0]!.at - lastMessage).toBeGreaterThanOrEqual(60_000);
    expect(transitions[0]!.at - lastMessage).toBeLessThan(61_100); // within one idle-phase pass of the threshold
    expect(transitions[1]!.at - lastMessage).toBeLessThan(600_000 + 10_000 * 30 + 1); // within sleep-policy's re-check floor
    // a message wakes it on the next instant (a 0 ms timer: handle() itself never waits for the governor)
    const r = substrate.handle('bob', 'eng', 'morning — is the postgres migration done?');
    expect(r.personaId).toBe('bob');
    expect(substrate.policy().phase).toBe('sleep');
    clock.advanceBy(0);
    expect(substrate.policy().phase).toBe('active');
    expect(substrate.cognition!.sleepPolicy.requests.map((q) => `${q.phase}:${q.reason}`)).toEqual(['idle:quiet', 'sleep:quiet', 'active:message']);
    substrate.stop();
  });

  it('an explicit sleep() call sticks until activity changes sleep-policy\'s own decision', () => {
    const { clock, substrate } = brain(['alice']);
    substrate.handle('alice', 'eng', 'hello there');
    clock.advanceBy(1_000);
    substrate.sleep('idle');
    clock.advanceBy(30_000); // still within the quiet period: sleep-policy's decision (active) has not changed
    expect(substrate.policy().phase).toBe('idle');
    substrate.handle('alice', 'eng', 'back again');
    clock.advanceBy(0);
    expect(substrate.policy().phase).toBe('idle'); // its decision was already active: nothing to request
    clock.advanceBy(61_000);
    expect(substrate.policy().phase).toBe('idle');
    substrate.stop();
  });

  it('deep consolidation and pruning run only in sleep', () => {
    const { clock, substrate } = brain(['alice'], { idleAfterMs: 10_000, sleepAfterMs: 30_000, pruneBelowRecency: 0.9999 });
    const pc = substrate.cognition!.get('alice');
    const driver = new ChatDriver({ personas: ['alice'], channels: ['eng', 'ops', 'garden'], seed: 8, meanGapMs: 1_000 }, (p, c, t) => substrate.handle(p, c, t));
    const phases: SleepPhase[] = [];
    substrate.bus.subscribe('governor:sleep:transition', (p) => phases.push((p as { phase: SleepPhase }).phase));
    driver.run(clock, 60_000);
    clock.advanceBy(25_000); // active → idle, not yet asleep
    expect(phases).toEqual(['idle']);
    expect(pc.counters.shallowPasses).toBeGreaterThan(10);
    expect(pc.counters.deepPasses).toBe(0);
    expect(pc.counters.pruned).toBe(0);
    const engrams = pc.memory.store.size;
    clock.advanceBy(60_000);
    expect(phases).toEqual(['idle', 'sleep']);
    expect(pc.counters.deepPasses).toBeGreaterThan(0);
    expect(pc.counters.deepEdges).toBeGreaterThan(0);
    expect(pc.counters.pruned).toBeGreaterThan(0);
    expect(pc.memory.store.size).toBe(engrams - pc.counters.pruned);
    // awake again: no more deep passes
    substrate.handle('alice', 'eng', 'the postgres migration again');
    clock.advanceBy(5_000);
    const deep = pc.counters.deepPasses;
    driver.run(clock, clock.now() + 8_000);
    expect(pc.counters.deepPasses).toBe(deep);
    substrate.stop();
  });
});
