// Supervision never loses a region or the governor: restarts survive signals and phase changes during the backoff,
// unprintable thrown values, failed persona supervisors, a failed governor, and given-up siblings in yield learning.
import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { defineRegion } from '../../src/runtime/region.js';
import { SubstrateError } from '../../src/actors/governor/host.js';
import { probeRegion, startSubstrate, statusOf } from './fixtures.js';

const restart = { randomFactor: 0, minBackoffMs: 500 };

const perPersona = (id: string, extra: Parameters<typeof probeRegion>[1] = {}) => probeRegion(id, { scope: 'per-persona', ...extra });

function unprintable(kind: 'null-prototype' | 'revoked-proxy' | 'throwing-message'): unknown {
  if (kind === 'null-prototype') return Object.create(null);
  if (kind === 'revoked-proxy') {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  }
  const e = new Error('x');
  Object.defineProperty(e, 'message', { get: () => { throw new Error('no message for you'); } });
  return e;
}

describe('restarts stay armed', () => {
  it('a persona region whose onSignal throws during a sleep transition is restarted', () => {
    let armed = true;
    const touchy = perPersona('touchy', {
      onSignal: (s) => {
        if (armed && s.kind === 'sleep-transition') {
          armed = false;
          throw new Error('no sleep for me');
        }
      },
    });
    const { clock, substrate, events } = startSubstrate([touchy], { governor: { restart } });
    substrate.spawnPersona('p');
    clock.advanceTo(100);
    substrate.sleep('idle');
    expect(statusOf(substrate, 'touchy@p').state).toBe('restarting');
    clock.advanceTo(700);
    expect(events.filter((e) => e.type === 'restarted').map((e) => e.at)).toEqual([600]);
    expect(statusOf(substrate, 'touchy@p')).toMatchObject({ state: 'running', restarts: 1 });
  });

  it('pressure, phase and lifecycle changes during the backoff leave the restart armed', () => {
    let fail = true;
    const region = perPersona('flaky', {
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: ['vram-high'] },
      tick: (ctx) => {
        if (fail) {
          fail = false;
          throw new Error('once');
        }
        return { published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
      },
    });
    const { clock, substrate, events } = startSubstrate([region, probeRegion('global')], { governor: { restart: { randomFactor: 0, minBackoffMs: 5_000 } } });
    substrate.spawnPersona('p');
    clock.advanceTo(150); // first tick at 100 throws; restart due at 5,100
    expect(statusOf(substrate, 'flaky@p').state).toBe('restarting');
    substrate.pressure({ kind: 'vram-high', usedPct: 95 });
    substrate.sleep('idle');
    substrate.spawnPersona('q');
    substrate.sleep('active');
    substrate.pressure({ kind: 'vram-high', usedPct: 10 });
    clock.advanceTo(5_200);
    expect(events.filter((e) => e.type === 'restarted' && e.key === 'flaky@p').map((e) => e.at)).toEqual([5_100]);
    expect(statusOf(substrate, 'flaky@p').state).toBe('running');
  });
});

describe('unprintable thrown values', () => {
  it.each(['null-prototype', 'revoked-proxy', 'throwing-message'] as const)('a tick or signal handler throwing a %s value is restarted; supervisors live', (kind) => {
    let n = 0;
    const tickThrower = perPersona('tick-thrower', {
      tick: () => {
        n++;
        if (n === 1) throw unprintable(kind);
        return { published: 0, consumedSinceLast: 0, cadenceHint: 'hold' };
      },
    });
    const signalThrower = probeRegion('signal-thrower', {
      onSignal: (s) => {
        if (s.kind === 'persona-lifecycle') throw unprintable(kind);
      },
    });
    const { clock, substrate } = startSubstrate([tickThrower, signalThrower], { governor: { restart } });
    substrate.spawnPersona('p');
    clock.advanceTo(2_000);
    expect(substrate.status()).toEqual({ state: 'running' });
    expect(statusOf(substrate, 'tick-thrower@p')).toMatchObject({ state: 'running', restarts: 1 });
    expect(statusOf(substrate, 'signal-thrower')).toMatchObject({ state: 'running', restarts: 1 });
    expect(typeof statusOf(substrate, 'signal-thrower').lastError).toBe('string');
    expect((substrate.actor.system.get('personas@0') as AnyActorRef).getSnapshot().status).toBe('active');
  });
});

describe('a failed persona supervisor', () => {
  /** Fault injection: an event the persona supervisor cannot handle (keys is not iterable) makes it throw. */
  const breakCohort = (substrate: ReturnType<typeof startSubstrate>['substrate'], id = 'personas@0') =>
    (substrate.actor.system.get(id) as AnyActorRef).send({ type: 'PERSONA.STOP', personaId: 'x', keys: null });

  it('is restarted with its personas’ regions respawned and their buffers kept', () => {
    const { clock, substrate } = startSubstrate([perPersona('memory')], { governor: { restart, cohortSize: 2 } });
    substrate.spawnPersona('a');
    substrate.spawnPersona('b');
    clock.advanceTo(1_000);
    const before = substrate.buffer('memory', 'a').peek('out');
    expect(before).toBeGreaterThan(0);
    breakCohort(substrate);
    expect(statusOf(substrate, 'memory@a').state).toBe('restarting');
    // create and destroy while it is down: nothing is sent to the dead supervisor, the governor lives
    substrate.spawnPersona('c');
    substrate.destroyPersona('b');
    expect(substrate.status().state).toBe('running');
    expect(substrate.buffer('memory', 'a').peek('out')).toBe(before);
    clock.advanceTo(1_600);
    expect(statusOf(substrate, 'memory@a')).toMatchObject({ state: 'running', restarts: 1 });
    expect(substrate.regions().map((r) => r.key).sort()).toEqual(['memory@a', 'memory@c']);
    const ticks = statusOf(substrate, 'memory@a').ticks;
    clock.advanceTo(2_600);
    expect(statusOf(substrate, 'memory@a').ticks).toBeGreaterThan(ticks);
    substrate.destroyPersona('a');
    substrate.spawnPersona('d');
    clock.advanceTo(3_000);
    expect(substrate.status().state).toBe('running');
    expect(substrate.personas().sort()).toEqual(['c', 'd']);
  });

  it('is given up on past the restart intensity: its regions are failed, the rest keeps running', () => {
    const { clock, substrate } = startSubstrate([perPersona('memory')], { governor: { restart: { ...restart, maxRestarts: 1, withinMs: 60_000 }, cohortSize: 1 } });
    substrate.spawnPersona('a');
    substrate.spawnPersona('b'); // personas@1
    clock.advanceTo(100);
    breakCohort(substrate);
    clock.advanceTo(700);
    breakCohort(substrate);
    clock.advanceTo(2_000);
    expect(statusOf(substrate, 'memory@a').state).toBe('failed');
    expect(statusOf(substrate, 'memory@b').state).toBe('running');
    substrate.destroyPersona('a');
    substrate.spawnPersona('a');
    clock.advanceTo(3_000);
    expect(statusOf(substrate, 'memory@a').state).toBe('running');
    expect(substrate.status().state).toBe('running');
  });
});

describe('a failed governor', () => {
  it('is reported by status() and every later call throws SubstrateError "failed"', () => {
    const { clock, substrate } = startSubstrate([probeRegion('probe')]);
    clock.advanceTo(100);
    // fault injection: a batch the governor cannot read
    substrate.actor.send({ type: 'REGIONS.TICKED', ticks: null as never });
    const status = substrate.status();
    expect(status.state).toBe('failed');
    expect(status.state === 'failed' && status.cause).toBeTruthy();
    for (const call of [() => substrate.spawnPersona('alice'), () => substrate.pressure({ kind: 'vram-high', usedPct: 90 }), () => substrate.sleep('idle'), () => substrate.regions(), () => substrate.buffer('probe'), () => substrate.policy()]) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(SubstrateError);
      expect((thrown as SubstrateError).kind).toBe('failed');
    }
    expect(() => clock.advanceTo(10_000)).not.toThrow();
    substrate.stop();
  });
});

describe('yield normalization', () => {
  it('leaves a given-up sibling out: the healthy region settles at weight 1 (base interval)', () => {
    const crashing = defineRegion({
      id: 'crashy', scope: 'per-persona',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 1 },
      tick: () => {
        throw new Error('always');
      },
    });
    const { clock, substrate } = startSubstrate([crashing, perPersona('healthy')], { governor: { restart: { randomFactor: 0, minBackoffMs: 10, maxRestarts: 2 } } });
    substrate.spawnPersona('p');
    clock.advanceTo(60_000);
    expect(statusOf(substrate, 'crashy@p').state).toBe('failed');
    expect(statusOf(substrate, 'healthy@p').weight).toBeCloseTo(1, 5);
    expect(statusOf(substrate, 'healthy@p').intervalMs).toBe(100);
  });
});
