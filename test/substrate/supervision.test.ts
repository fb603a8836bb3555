import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY } from '../../src/policy/restart.js';
import { defineRegion } from '../../src/runtime/region.js';
import { probeRegion, regionStateValue, startSubstrate, statusOf } from './fixtures.js';

function faulty(id: string, failOn: (tick: number) => boolean) {
  return defineRegion({
    id,
    scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
    buffer: { max: 4 },
    tick: (ctx) => {
      if (failOn(ctx.tickNumber)) throw new Error(`boom on tick ${ctx.tickNumber}`);
      ctx.buffer.publish('last', ctx.tickNumber);
      return { published: 1, consumedSinceLast: 0, cadenceHint: 'hold' };
    },
  });
}

describe('supervision', () => {
  it('restarts a region that throws, with backoff, keeping its buffer; other regions are unaffected', () => {
    const healthyLog: number[] = [];
    const { clock, substrate, events } = startSubstrate(
      [faulty('flaky', (n) => n === 3), probeRegion('steady', { log: healthyLog })],
      { governor: { restart: { randomFactor: 0, minBackoffMs: 500 } } },
    );
    substrate.spawnPersona('p');
    clock.advanceTo(250);
    expect(substrate.buffer('flaky', 'p').peek('last')).toBe(2);
    clock.advanceTo(300); // tick 3 throws
    const scheduled = events.find((e) => e.type === 'restart-scheduled');
    expect(scheduled).toMatchObject({ key: 'flaky@p', attempt: 0, delayMs: 500, error: 'boom on tick 3' });
    expect(statusOf(substrate, 'flaky@p').state).toBe('restarting');
    expect(substrate.actor.system.get('flaky@p')).toBeUndefined();
    clock.advanceTo(799);
    expect(events.some((e) => e.type === 'restarted')).toBe(false);
    expect(substrate.buffer('flaky', 'p').peek('last')).toBe(2); // the buffer outlives the dead actor
    clock.advanceTo(800);
    expect(events.find((e) => e.type === 'restarted')).toMatchObject({ at: 800, key: 'flaky@p' });
    expect(statusOf(substrate, 'flaky@p')).toMatchObject({ state: 'running', restarts: 1 });
    // the new actor ticks at once (it is overdue), continuing the slot's tick numbers; the failure counted as slower
    expect(substrate.buffer('flaky', 'p').peek('last')).toBe(4);
    expect(statusOf(substrate, 'flaky@p').passes).toBe(2);
    clock.advanceTo(2_000);
    expect(substrate.buffer('flaky', 'p').peek('last')).toBeGreaterThan(3);
    // the steady region ticked every 100 ms throughout
    expect(healthyLog).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
    expect(substrate.actor.getSnapshot().status).toBe('active');
  });

  it('gives up after maxRestarts within the window: the region is failed and published, the rest keeps running', () => {
    const healthyLog: number[] = [];
    const { clock, substrate } = startSubstrate([faulty('doomed', () => true), probeRegion('steady', { log: healthyLog })], {
      governor: { restart: { maxRestarts: 3, withinMs: 60_000, minBackoffMs: 100, randomFactor: 0 } },
    });
    const failed: unknown[] = [];
    substrate.bus.subscribe('region:failed', (p) => failed.push(p));
    substrate.spawnPersona('p');
    clock.advanceTo(30_000);
    expect(statusOf(substrate, 'doomed@p')).toMatchObject({ state: 'failed', restarts: 3 });
    expect(failed).toEqual([expect.objectContaining({ key: 'doomed@p', restartsInWindow: 4 })]);
    expect(healthyLog.length).toBe(300);
    // no orphaned actor: the failed region has no child under its persona supervisor
    expect(substrate.actor.system.get('doomed@p')).toBeUndefined();
    expect(Object.keys((substrate.actor.system.get('personas@0') as { getSnapshot(): { children: object } }).getSnapshot().children)).not.toContain('doomed@p');
  });

  it('backs off exponentially with the documented formula', () => {
    const { clock, substrate, events } = startSubstrate([faulty('doomed', () => true)], {
      governor: { restart: { maxRestarts: 5, minBackoffMs: 100, maxBackoffMs: 1_000, randomFactor: 0 } },
    });
    substrate.spawnPersona('p');
    clock.advanceTo(60_000);
    const delays = events.flatMap((e) => (e.type === 'restart-scheduled' ? [e.delayMs] : []));
    expect(delays).toEqual([100, 200, 400, 800, 1_000]);
    expect(DEFAULT_RESTART_POLICY.maxRestarts).toBe(5);
  });

  it('restarts a region whose onSignal throws, without crashing any supervisor', () => {
    const region = probeRegion('touchy', {
      onSignal: (s) => {
        if (s.kind === 'sleep-transition') throw new Error('no sleep for me');
      },
    });
    const { clock, substrate, events } = startSubstrate([region], { governor: { restart: { randomFactor: 0 } } });
    clock.advanceTo(100);
    substrate.sleep('idle');
    expect(events.find((e) => e.type === 'restart-scheduled')).toMatchObject({ key: 'touchy', error: 'no sleep for me' });
    clock.advanceTo(5_000);
    expect(statusOf(substrate, 'touchy')).toMatchObject({ state: 'running', restarts: 1 });
    expect(regionStateValue(substrate, 'touchy').status).toBe('active');
    expect(substrate.actor.getSnapshot().status).toBe('active');
  });

  it('a region returning an invalid outcome fails with a clear RegionError', () => {
    const bad = probeRegion('bad', { tick: () => ({ published: -1 }) as never });
    const { clock, events } = startSubstrate([bad]);
    clock.advanceTo(100);
    const e = events.find((x) => x.type === 'restart-scheduled');
    expect(e).toMatchObject({ key: 'bad' });
    expect(e && 'error' in e ? e.error : '').toMatch(/region bad returned an invalid outcome: tick 1 gave \{"published":-1\}/);
  });

  it.each([
    ['undefined', undefined],
    ['a string count', { published: '5', consumedSinceLast: 0, cadenceHint: 'hold' }],
    ['an array count', { published: [], consumedSinceLast: 0, cadenceHint: 'hold' }],
    ['a boolean count', { published: true, consumedSinceLast: 0, cadenceHint: 'hold' }],
    ['Infinity', { published: Infinity, consumedSinceLast: 0, cadenceHint: 'hold' }],
    ['NaN', { published: 0, consumedSinceLast: NaN, cadenceHint: 'hold' }],
    ['a fraction', { published: 1.5, consumedSinceLast: 0, cadenceHint: 'hold' }],
    ['an unknown hint', { published: 0, consumedSinceLast: 0, cadenceHint: 'fast' }],
  ])('a sync tick returning %s is an invalid-outcome failure, counted as a failed tick', (_, outcome) => {
    const failures: unknown[] = [];
    const bad = probeRegion('bad', { tick: () => outcome as never });
    const { clock, substrate } = startSubstrate([bad], { governor: { restart: { randomFactor: 0 } } });
    substrate.bus.subscribe('region:restarting', (p) => failures.push(p));
    clock.advanceTo(100);
    expect(statusOf(substrate, 'bad')).toMatchObject({ state: 'restarting', failedTicks: 1, ticks: 0 });
    expect(statusOf(substrate, 'bad').lastError).toMatch(/^region bad returned an invalid outcome: tick 1 gave /);
    expect(failures).toHaveLength(1);
  });
});
