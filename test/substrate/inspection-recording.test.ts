// Every event any machine receives is plain data and immutable after it is sent: a run's whole inspection stream
// (personas, pressure, sleep, a crashing region, an async region, restarts) is recorded, serialized to JSON and back,
// and nothing was lost (only plain data or typed errors with a JSON form) or changed after it was sent.
import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { defineRegion } from '../../src/runtime/region.js';
import { ContinuumError } from '../../src/runtime/errors.js';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { heartbeatRegion } from '../../src/actors/examples/heartbeat.js';
import { flush, startSubstrate } from './fixtures.js';

/** The first place `value` holds something JSON would not carry faithfully, or undefined when it is plain data. */
function notPlain(value: unknown, path = '$'): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path}: ${value}`;
  if (value instanceof ContinuumError) return notPlain(value.toJSON(), path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = notPlain(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path}: a ${proto?.constructor?.name ?? 'class'} instance`;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue; // JSON drops it, and so does a reader: nothing is lost
      const bad = notPlain(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return `${path}: a ${typeof value}`;
}

describe('the inspection stream', () => {
  it('is plain, immutable data from end to end', async () => {
    let crash = true;
    const crashy = defineRegion({
      id: 'crashy', scope: 'per-persona',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: ['vram-high'] },
      buffer: { max: 4 },
      tick: (ctx) => {
        if (crash && ctx.tickNumber === 2) {
          crash = false;
          throw new Error('boom');
        }
        return { published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'slower' };
      },
    });
    const slow = defineRegion({
      id: 'slow', scope: 'global',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 4 },
      tick: async (ctx) => ({ published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }),
    });
    const recorded: Array<{ type: string; json: string; event: unknown }> = [];
    const inspect = (e: InspectionEvent): void => {
      if (e.type !== '@xstate.event') return;
      recorded.push({ type: e.event.type, json: JSON.stringify(e.event), event: e.event });
    };
    const { clock, substrate } = startSubstrate([heartbeatRegion(), echoPrefetchRegion(), crashy, slow], { inspect, governor: { restart: { randomFactor: 0 } } });
    substrate.spawnPersona('alice');
    substrate.spawnPersona('bob');
    for (let t = 100; t <= 3_000; t += 100) {
      clock.advanceTo(t);
      await flush();
      if (t === 1_000) substrate.pressure({ kind: 'vram-high', usedPct: 95 });
      if (t === 1_500) substrate.sleep('idle');
      if (t === 2_000) substrate.destroyPersona('bob');
      if (t === 2_500) substrate.sleep('active');
    }
    substrate.stop();

    const types = new Set(recorded.map((r) => r.type));
    for (const t of ['xstate.init', 'TICK', 'TICK.ASYNC', 'TICK.SETTLED', 'REGIONS.TICKED', 'PRESSURE', 'SIGNAL', 'SLEEP.TRANSITION', 'PERSONA.CREATED', 'PERSONA.DESTROYED', 'PERSONA.SPAWN', 'PERSONA.STOP', 'RESTART.PLANNED', 'REGION.RESTART']) {
      expect(types, t).toContain(t);
    }
    expect([...types].some((t) => t.startsWith('xstate.error.actor.'))).toBe(true);
    for (const r of recorded) {
      expect(notPlain(r.event), r.type).toBeUndefined();
      // immutable after sending: what it says now is what it said when it was sent
      expect(JSON.stringify(r.event), r.type).toBe(r.json);
      // and the JSON round trip keeps it whole
      expect(JSON.stringify(JSON.parse(r.json)), r.type).toBe(r.json);
    }
  });
});
