// A persisted substrate is plain JSON and can be restored: persist a running substrate on the simulated clock (with
// personas, pressure, a pending restart, buffered results), restore it into a fresh one on a fresh clock at the same
// time, and both make the same decisions from then on, tick for tick.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { defineRegion } from '../../src/runtime/region.js';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { heartbeatRegion } from '../../src/actors/examples/heartbeat.js';
import { createSubstrate, type PersistedSubstrate } from '../../src/create-substrate.js';
import type { SubstrateEvent } from '../../src/actors/governor/events.js';
import { ValidationError } from '../../src/runtime/errors.js';

/** A region whose body depends only on what the substrate persists (tick number, the seeded random source). */
const crashing = () =>
  defineRegion({
    id: 'crashy', scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: ['vram-high'] },
    buffer: { max: 4 },
    tick: (ctx) => {
      if (ctx.tickNumber % 7 === 0) throw new Error(`boom ${ctx.tickNumber}`);
      ctx.buffer.publish('n', ctx.tickNumber, ctx.tickNumber);
      return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: ctx.random.next() < 0.5 ? 'faster' : 'slower' };
    },
  });

/** A scripted run of `ms` on `substrate`, with reads from a handler; returns what it observed after `from`. */
function drive(substrate: ReturnType<typeof createSubstrate>, clock: ReturnType<typeof createSimulatedClock>, from: number, to: number): string[] {
  const seen: string[] = [];
  const off = substrate.observe((e: SubstrateEvent) => {
    if (e.type === 'decision' || e.type === 'restart-scheduled' || e.type === 'restarted' || e.type === 'tick') seen.push(JSON.stringify(e));
  });
  for (let t = from + 100; t <= to; t += 100) {
    clock.advanceTo(t);
    for (const p of substrate.personas()) substrate.buffer('echo-prefetch', p).peek(`${p}|general`);
    if (t === from + 1_000) substrate.pressure({ kind: 'vram-high', usedPct: 95 });
    if (t === from + 2_000) substrate.spawnPersona(`late-${from}`);
  }
  off();
  return seen;
}

describe('persist and restore', () => {
  it('a restored substrate makes the same next decisions as the original', () => {
    const regions = () => [heartbeatRegion(), echoPrefetchRegion({ channels: ['general'] }), crashing()];
    const clockA = createSimulatedClock();
    const a = createSubstrate({ regions: regions(), clock: clockA, seed: 5, governor: { restart: { minBackoffMs: 450 } } }).start();
    a.spawnPersona('alice');
    a.spawnPersona('bob');
    drive(a, clockA, 0, 4_000);
    // persisted in the middle of a backoff: the restored one must re-plan that restart (XState drops delayed events)
    expect(a.regions().filter((r) => r.state === 'restarting').map((r) => r.key)).toEqual(['crashy@late-0']);
    expect(a.regions().filter((r) => r.restarts > 0).length).toBeGreaterThan(0);

    const json = JSON.stringify(a.persist());
    const persisted = JSON.parse(json) as PersistedSubstrate;
    expect(JSON.stringify(persisted)).toBe(json); // plain JSON: nothing lost in the round trip

    const clockB = createSimulatedClock(clockA.now());
    const b = createSubstrate({ regions: regions(), clock: clockB, snapshot: persisted }).start();
    expect(b.regions()).toEqual(a.regions());
    expect(b.policy()).toEqual(a.policy());
    expect(b.buffer('echo-prefetch', 'alice').peek('alice|general')).toEqual(a.buffer('echo-prefetch', 'alice').peek('alice|general'));

    const nextA = drive(a, clockA, 4_000, 9_000);
    const nextB = drive(b, clockB, 4_000, 9_000);
    expect(nextA.length).toBeGreaterThan(50);
    expect(nextB).toEqual(nextA);
    expect(b.regions()).toEqual(a.regions());
  });

  it('refuses a snapshot that is not one, or that names other regions', () => {
    const clock = createSimulatedClock();
    expect(() => createSubstrate({ regions: [heartbeatRegion()], clock, snapshot: { status: 'active', context: {} } as never })).toThrow(ValidationError);
    const a = createSubstrate({ regions: [heartbeatRegion(), crashing()], clock }).start();
    a.spawnPersona('alice');
    const persisted = a.persist();
    expect(() => createSubstrate({ regions: [heartbeatRegion()], clock, snapshot: persisted })).toThrow(/region "crashy", which is not among the regions given/);
  });
});
