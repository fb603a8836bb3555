import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { heartbeatRegion } from '../../src/actors/examples/heartbeat.js';
import type { RegionSignal } from '../../src/runtime/signals.js';
import { SubstrateError } from '../../src/actors/governor/host.js';
import { probeRegion, startSubstrate } from './fixtures.js';

/** Every live actor's system id under the governor, depth first. */
function liveActorIds(root: AnyActorRef): string[] {
  const out: string[] = [];
  const walk = (ref: AnyActorRef): void => {
    const snap = ref.getSnapshot() as { status: string; children?: Record<string, AnyActorRef> };
    if (snap.status !== 'active') return;
    for (const [id, child] of Object.entries(snap.children ?? {})) {
      if ((child.getSnapshot() as { status: string }).status !== 'active') continue;
      out.push(id);
      walk(child);
    }
  };
  walk(root);
  return out.sort();
}

describe('persona lifecycle', () => {
  it("spawns a persona's regions with system ids under a persona supervisor, and stops exactly those on destroy", () => {
    const seen: RegionSignal[] = [];
    const perPersona = probeRegion('hippocampus', { scope: 'per-persona', onSignal: (s) => void seen.push(s) });
    const { clock, substrate } = startSubstrate([heartbeatRegion(), perPersona]);
    substrate.spawnPersona('alice');
    substrate.spawnPersona('bob');
    clock.advanceTo(10);
    expect(liveActorIds(substrate.actor)).toEqual(
      ['heartbeat', 'hippocampus@alice', 'hippocampus@bob', 'personas@0'].sort(),
    );
    expect(substrate.actor.system.get('hippocampus@alice')).toBeDefined();
    substrate.destroyPersona('alice');
    clock.advanceTo(20);
    expect(liveActorIds(substrate.actor)).toEqual(['heartbeat', 'hippocampus@bob', 'personas@0']);
    expect(seen).toContainEqual({ kind: 'persona-lifecycle', lifecycle: { kind: 'destroyed', personaId: 'alice' } });
    expect(substrate.regions().map((r) => r.key).sort()).toEqual(['heartbeat', 'hippocampus@bob']);
    expect(() => substrate.buffer('hippocampus', 'alice')).toThrow(/unknown persona "alice"; known personas: bob/);
  });

  it("tells a persona's own regions and the global ones that it was created, once each", () => {
    const own: Array<[string | undefined, RegionSignal]> = [];
    const global: RegionSignal[] = [];
    const perPersona = probeRegion('hippocampus', { scope: 'per-persona', onSignal: (s, ctx) => void own.push([ctx.personaId, s]) });
    const watcher = probeRegion('watcher', { onSignal: (s) => void global.push(s) });
    const { clock, substrate } = startSubstrate([watcher, perPersona], { governor: { cohortSize: 1 } });
    substrate.spawnPersona('alice'); // first of its supervisor (spawned with the supervisor)
    substrate.spawnPersona('bob'); // a second supervisor
    substrate.spawnPersona('carol');
    clock.advanceTo(1_000);
    const created = (id: string) => ({ kind: 'persona-lifecycle', lifecycle: { kind: 'created', personaId: id } });
    expect(own).toEqual([['alice', created('alice')], ['bob', created('bob')], ['carol', created('carol')]]);
    expect(global).toEqual([created('alice'), created('bob'), created('carol')]);
  });

  it('tells a persona added to an existing supervisor group that it was created', () => {
    const own: RegionSignal[] = [];
    const perPersona = probeRegion('hippocampus', { scope: 'per-persona', onSignal: (s) => void own.push(s) });
    const { clock, substrate } = startSubstrate([perPersona]);
    substrate.spawnPersona('alice');
    clock.advanceTo(10);
    substrate.spawnPersona('bob'); // joins personas@0
    clock.advanceTo(20);
    expect(own.map((s) => s.kind === 'persona-lifecycle' && s.lifecycle.personaId)).toEqual(['alice', 'bob']);
  });

  it('respawns a destroyed id with fresh regions and a fresh buffer', () => {
    const { clock, substrate } = startSubstrate([echoPrefetchRegion()]);
    substrate.spawnPersona('alice');
    clock.advanceTo(1_000);
    expect(substrate.buffer('echo-prefetch', 'alice').size).toBe(1);
    substrate.destroyPersona('alice');
    clock.advanceTo(1_001);
    substrate.spawnPersona('alice');
    expect(substrate.buffer('echo-prefetch', 'alice').size).toBe(0);
    clock.advanceTo(1_200);
    expect(substrate.regions()).toEqual([expect.objectContaining({ key: 'echo-prefetch@alice', state: 'running', ticks: 1 })]);
  });

  it('keeps fan-out bounded: at most cohortSize personas per supervisor, and an emptied supervisor is stopped', () => {
    const { clock, substrate } = startSubstrate([echoPrefetchRegion()], { governor: { cohortSize: 2 } });
    for (const id of ['a', 'b', 'c', 'd', 'e']) substrate.spawnPersona(id);
    clock.advanceTo(1);
    const supervisors = liveActorIds(substrate.actor).filter((id) => id.startsWith('personas@'));
    expect(supervisors).toEqual(['personas@0', 'personas@1', 'personas@2']);
    const children = (id: string) => Object.keys((substrate.actor.system.get(id)!.getSnapshot() as { children: object }).children);
    expect(children('personas@0')).toEqual(['echo-prefetch@a', 'echo-prefetch@b']);
    expect(children('personas@2')).toEqual(['echo-prefetch@e']);
    substrate.destroyPersona('e');
    clock.advanceTo(2);
    expect(liveActorIds(substrate.actor).filter((id) => id.startsWith('personas@'))).toEqual(['personas@0', 'personas@1']);
    substrate.destroyPersona('a');
    clock.advanceTo(3);
    expect(children('personas@0')).toEqual(['echo-prefetch@b']);
    expect(substrate.personas()).toEqual(['b', 'c', 'd']);
  });

  it('refuses duplicates and unknown ids with typed errors that list what is known', () => {
    const { substrate } = startSubstrate([heartbeatRegion(), echoPrefetchRegion()]);
    substrate.spawnPersona('alice');
    expect(() => substrate.spawnPersona('alice')).toThrow(SubstrateError);
    expect(() => substrate.destroyPersona('zed')).toThrow(/unknown persona "zed"; known personas: alice/);
    expect(() => substrate.buffer('nope')).toThrow(/unknown region "nope"; known regions: heartbeat, echo-prefetch/);
    expect(() => substrate.buffer('echo-prefetch')).toThrow(/per-persona; pass a persona id/);
    expect(() => substrate.spawnPersona('bad id')).toThrow(/persona id "bad id" is invalid/);
    try {
      substrate.destroyPersona('zed');
    } catch (e) {
      expect((e as SubstrateError).kind).toBe('unknown-persona');
    }
  });

  it('reads never await: a handler peeks a per-persona buffer synchronously and misses are counted', () => {
    const { clock, substrate } = startSubstrate([echoPrefetchRegion({ channels: ['general'] })]);
    substrate.spawnPersona('alice');
    const view = substrate.buffer('echo-prefetch', 'alice');
    expect(view.peek('general')).toBeUndefined(); // empty buffer is a signal, not a wait
    clock.advanceTo(100);
    expect(view.peek('general')).toMatchObject({ channel: 'general', tick: 1 });
    expect(view.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(substrate.telemetry().at(-1)).toMatchObject({ tickNumber: 1, consumedSinceLast: 0, bufferMissesSinceLast: 1 });
    clock.advanceTo(200);
    expect(substrate.telemetry().at(-1)).toMatchObject({ tickNumber: 2, consumedSinceLast: 1, bufferMissesSinceLast: 0 });
  });
});

describe('determinism', () => {
  it('two identical runs produce identical event logs', () => {
    const run = (): string => {
      const { clock, substrate, events } = startSubstrate([heartbeatRegion(), echoPrefetchRegion({ channels: ['a', 'b'] })], {
        governor: { restart: { randomFactor: 0.5 } },
      });
      substrate.spawnPersona('p1');
      substrate.spawnPersona('p2');
      const reader = (): void => {
        substrate.buffer('echo-prefetch', 'p1').peek(substrate.random.next() < 0.5 ? 'a' : 'b');
        clock.setTimeout(reader, 37);
      };
      clock.setTimeout(reader, 10);
      clock.advanceTo(5_000);
      substrate.pressure({ kind: 'vram-high', usedPct: 91 });
      substrate.sleep('idle');
      clock.advanceTo(20_000);
      substrate.destroyPersona('p2');
      clock.advanceTo(30_000);
      return JSON.stringify(events);
    };
    const a = run();
    expect(a.length).toBeGreaterThan(10_000);
    expect(run()).toBe(a);
  });
});

describe('actor-owned ready-buffers', () => {
  it("a region actor's snapshot holds its buffer; handlers read through it; a restart hands the same buffer on", () => {
    let fail = true;
    const flaky = probeRegion('flaky', {
      scope: 'per-persona',
      tick: (ctx) => {
        ctx.buffer.publish('out', ctx.tickNumber, ctx.tickNumber);
        if (fail && ctx.tickNumber === 3) {
          fail = false;
          throw new Error('once');
        }
        return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
      },
    });
    const { clock, substrate } = startSubstrate([flaky], { governor: { restart: { randomFactor: 0 } } });
    substrate.spawnPersona('p');
    clock.advanceTo(250);
    const actor = substrate.actor.system.get('flaky@p') as AnyActorRef;
    const owned = (actor.getSnapshot() as { context: { buffer: { peek(k: string): unknown } } }).context.buffer;
    expect(owned.peek('out')).toBe(2);
    expect(substrate.buffer('flaky', 'p').peek('out')).toBe(2);
    clock.advanceTo(2_000); // tick 3 throws (after publishing 3); restarted after 100 ms
    const next = substrate.actor.system.get('flaky@p') as AnyActorRef;
    expect(next).not.toBe(actor);
    expect((next.getSnapshot() as { context: { buffer: unknown } }).context.buffer).toBe(owned);
  });
});
